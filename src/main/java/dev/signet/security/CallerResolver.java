package dev.signet.security;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.system.ProblemException;
import dev.signet.system.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Turns the authenticated principal (and, for trusted backends, the {@code X-Signet-User}
 * header) into the {@link Caller} that signing and delivery rules, rate limits and the
 * audit see: the one place where who the caller is gets decided. A JWT's client is its
 * {@code azp}, else its {@code client_id}, else its issuer's shared client (named like
 * the issuer); its {@code sub} is the end user and never a client.
 *
 * @author Signet developers
 */
@Component
public class CallerResolver {

	/** Header in which a trusted API-key client names its logged-in end user. */
	public static final String USER_HEADER = "X-Signet-User";

	private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@:|-]{1,128}");

	private final Set<String> trustedClients;

	private final String defaultIssuer;

	CallerResolver(ApiKeyProperties properties, JwtProperties jwt) {
		this.trustedClients = Set.copyOf(properties.trustedClients());
		this.defaultIssuer = hasText(jwt.issuerUri()) ? jwt.issuerUri()
				: hasText(jwt.jwkSetUri()) ? jwt.jwkSetUri() : "-";
	}

	/**
	 * The caller of an authenticated principal alone, without looking at
	 * {@code X-Signet-User}; for recording a request refused before its caller was
	 * resolved.
	 * @param authentication the authenticated principal
	 * @return the caller
	 */
	public Caller identify(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return fromJwt(token);
		}
		return Caller.ofApiKey(authentication.getName(), null);
	}

	/**
	 * Resolves the caller of a request.
	 * @param authentication the authenticated principal
	 * @param request the request
	 * @return the caller
	 * @throws ProblemException when an untrusted client names a user (403) or the user is
	 * malformed (400)
	 */
	public Caller resolve(Authentication authentication, HttpServletRequest request) {
		String user = request.getHeader(USER_HEADER);
		if (authentication instanceof JwtAuthenticationToken token) {
			if (user != null) {
				throw new ProblemException(403, ProblemType.FORBIDDEN,
						"Only trusted API-key clients may name a user in " + USER_HEADER
								+ "; a JWT names its subject.");
			}
			return fromJwt(token);
		}
		String client = authentication.getName();
		if (user != null) {
			if (!this.trustedClients.contains(client)) {
				throw new ProblemException(403, ProblemType.FORBIDDEN, "The client '" + client
						+ "' is not trusted to name a user in " + USER_HEADER + " (see SIGNET_TRUSTED_CLIENTS).");
			}
			if (!USER.matcher(user).matches()) {
				throw new ProblemException(400, ProblemType.INVALID_REQUEST,
						USER_HEADER + " must be 1 to 128 letters, digits or . _ @ : | -");
			}
		}
		return Caller.ofApiKey(client, user);
	}

	private Caller fromJwt(JwtAuthenticationToken token) {
		Jwt jwt = token.getToken();
		String iss = jwt.getClaimAsString("iss");
		String issuer = hasText(iss) ? iss : this.defaultIssuer;
		String client = claim(jwt, "azp");
		if (client == null) {
			client = claim(jwt, "client_id");
		}
		if (client == null) {
			// Neither azp nor client_id: the issuer's shared client, never the sub (a
			// user named like a client would otherwise pass as that client).
			client = issuer;
		}
		Set<String> scopes = new LinkedHashSet<>();
		for (GrantedAuthority authority : token.getAuthorities()) {
			String name = authority.getAuthority();
			if (name != null && name.startsWith("SCOPE_")) {
				scopes.add(name.substring("SCOPE_".length()));
			}
		}
		String subject = (jwt.getSubject() != null && !jwt.getSubject().isBlank()) ? jwt.getSubject() : client;
		return new Caller(client, issuer, subject, scopes, false);
	}

	private static @Nullable String claim(Jwt jwt, String name) {
		String value = jwt.getClaimAsString(name);
		return hasText(value) ? value : null;
	}

	private static boolean hasText(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
