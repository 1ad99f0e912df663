package dev.signet.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.signet.security.Caller;
import dev.signet.system.ParameterProblem;
import dev.signet.system.ProblemException;
import dev.signet.system.RequestIds;
import dev.signet.system.Sha256;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Records every signing decision: one JSON audit event on the {@code signet.audit} logger
 * (time, caller, client, profile, API key, parameter names, SHA-256 of the string to
 * sign, outcome and reason; never the secret, never the signature) and Micrometer
 * counters of issued and refused signatures by endpoint, profile, client and reason.
 *
 * @author Signet developers
 */
@Component
public class SigningEvents {

	private static final Logger audit = LoggerFactory.getLogger("signet.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry registry;

	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	private final Set<String> jwtClients;

	SigningEvents(MeterRegistry registry, SigningProfiles profiles) {
		this.registry = registry;
		Set<String> names = new HashSet<>();
		profiles.all().values().forEach((profile) -> names.addAll(profile.callers().jwtClientNames()));
		this.jwtClients = Set.copyOf(names);
	}

	/**
	 * The {@code client} tag of a caller: only configured names, so that neither users
	 * nor clients an identity provider registers can grow the series: the API-key client
	 * (configured in {@code SIGNET_API_KEYS}), a JWT client some profile names in
	 * {@code jwt-clients}, else {@code other}.
	 * @param caller the caller
	 * @return the tag value
	 */
	String clientLabel(Caller caller) {
		return (caller.apiKey() || this.jwtClients.contains(caller.client())) ? caller.client() : "other";
	}

	/**
	 * The counter of a name and tags, built and registered once: tags are bounded
	 * (endpoints, resolved profile names, configured clients, problem types).
	 */
	private Counter counter(String name, String description, String... tags) {
		List<String> key = new ArrayList<>(tags.length + 1);
		key.add(name);
		key.addAll(Arrays.asList(tags));
		return this.counters.computeIfAbsent(key,
				(k) -> Counter.builder(name).description(description).tags(tags).register(this.registry));
	}

	/**
	 * Starts recording one decision.
	 * @param endpoint {@code stamped} or {@code widget}
	 * @param identified the caller as its principal alone identifies it, until
	 * {@link Decision#caller} gives the resolved one
	 * @return the decision to complete
	 */
	Decision decision(String endpoint, Caller identified) {
		return new Decision(endpoint, identified);
	}

	/**
	 * One signing decision, completed by {@link #issued} or {@link #refused}.
	 */
	final class Decision {

		private final String endpoint;

		private Caller caller;

		private @Nullable String profile;

		private Decision(String endpoint, Caller identified) {
			this.endpoint = endpoint;
			this.caller = identified;
		}

		void caller(Caller caller) {
			this.caller = caller;
		}

		void profile(@Nullable String profile) {
			if (profile != null) {
				this.profile = profile;
			}
		}

		void issued(UploadSignatures.Issued<?> issued) {
			counter("signet.signatures.issued", "Signatures issued", "endpoint", this.endpoint, "profile", profileTag(),
					"client", clientLabel(this.caller))
				.increment();
			if (audit.isInfoEnabled()) {
				Map<String, Object> event = event("issued");
				event.put("api_key", issued.account().apiKey());
				event.put("algorithm", issued.account().algorithm().configName());
				event.put("signature_version", issued.account().signatureVersion());
				event.put("params", issued.signedNames());
				event.put("string_to_sign_sha256", sha256(issued.stringToSign()));
				audit.info(JSON.writeValueAsString(event));
			}
		}

		void refused(ProblemException ex) {
			String reason = ex.getType().uri().getPath().substring("/problems/".length());
			counter("signet.signatures.refused", "Signing requests refused", "endpoint", this.endpoint, "profile",
					profileTag(), "client", clientLabel(this.caller), "reason", reason)
				.increment();
			if (audit.isInfoEnabled()) {
				Map<String, Object> event = event("refused");
				event.put("reason", reason);
				List<String> names = ex.getInvalidParams().stream().map(ParameterProblem::name).toList();
				if (!names.isEmpty()) {
					event.put("refused_params", names);
				}
				audit.info(JSON.writeValueAsString(event));
			}
		}

		private String profileTag() {
			return (this.profile != null) ? this.profile : "-";
		}

		private Map<String, Object> event(String outcome) {
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("time", Instant.now().toString());
			event.put("logger", "signet.audit");
			event.put("event", "signature." + outcome);
			event.put("request_id", MDC.get(RequestIds.MDC_KEY));
			String clientRequestId = MDC.get(RequestIds.CLIENT_MDC_KEY);
			if (clientRequestId != null) {
				event.put("client_request_id", clientRequestId);
			}
			event.put("endpoint", this.endpoint);
			event.put("auth", this.caller.apiKey() ? "api_key" : "jwt");
			event.put("client", this.caller.client());
			event.put("issuer", this.caller.issuer());
			event.put("subject", this.caller.subject());
			event.put("profile", profileTag());
			return event;
		}

	}

	private static String sha256(String text) {
		return HexFormat.of().formatHex(Sha256.digest(text));
	}

}
