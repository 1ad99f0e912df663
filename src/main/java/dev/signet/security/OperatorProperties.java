package dev.signet.security;

import java.util.List;
import java.util.regex.Pattern;

import dev.signet.settings.InvalidSettingException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who is an operator, {@code signet.operator}: who may read the operator pages
 * ({@code /v1/operator/**}: profiles and their rules, any caller's limits and buckets,
 * the loaded accounts with their key fingerprints, the recent decisions). Signing callers
 * are not: an app that signs uploads has no business reading other callers' decisions.
 *
 * @param clients the API-key clients that are operators; they are granted {@code scope}
 * @param scope the scope a JWT needs to be an operator; never the signing scope
 * @param recentDecisions how many of the latest decisions the operator pages keep in
 * memory (0 keeps none)
 * @author Signet developers
 */
@ConfigurationProperties("signet.operator")
public record OperatorProperties(@DefaultValue List<String> clients, @DefaultValue("signet:operator") String scope,
		@DefaultValue("1000") int recentDecisions) {

	private static final Pattern CLIENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/** A scope token (RFC 6749, section 3.3). */
	private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,128}");

	public OperatorProperties {
		for (String client : clients) {
			if (client == null || !CLIENT.matcher(client).matches()) {
				throw new InvalidSettingException("signet.operator.clients",
						"list API-key client names (1 to 64 letters, digits, '.', '_' or '-'), as in SIGNET_API_KEYS");
			}
		}
		if (!SCOPE.matcher(scope).matches()) {
			throw new InvalidSettingException("signet.operator.scope",
					"it must be one scope: 1 to 128 printable characters without spaces, '\"' or '\\'");
		}
		if (recentDecisions < 0 || recentDecisions > 100_000) {
			throw new InvalidSettingException("signet.operator.recent-decisions", "it must be between 0 and 100000");
		}
		clients = List.copyOf(clients);
	}

}
