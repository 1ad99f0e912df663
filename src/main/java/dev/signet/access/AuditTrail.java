package dev.signet.access;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.signet.codec.Sha256;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Refusal;
import dev.signet.web.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every decision of every issuing endpoint in one schema: one JSON event on the
 * {@code signet.audit} logger and the counters {@code signet.signatures.issued} and
 * {@code signet.signatures.refused}.
 *
 * <p>
 * The event: {@code time}, {@code logger}, {@code event}
 * ({@code <construction>.issued|refused}, such as {@code signature.issued} or
 * {@code delivery_url.refused}), {@code request_id}, {@code client_request_id} when the
 * client sent one, {@code endpoint}, {@code auth} ({@code api_key} or {@code jwt}),
 * {@code client}, {@code issuer}, {@code subject}, {@code profile} ({@code -} before one
 * was selected); when issued {@code account}, {@code api_key}, {@code algorithm} and
 * {@code signature_version} where they apply, {@code upload_id} for an upload session,
 * {@code params} (names only) and {@code string_to_sign_sha256}; when refused
 * {@code reason} (the problem type's slug) and {@code refused_params}. Never a secret, a
 * signature, a token or a parameter value.
 *
 * <p>
 * Metric tags are bounded: endpoint, resolved profile name, reason, and a {@code client}
 * that is an API-key client (configured in {@code SIGNET_API_KEYS}), a JWT client some
 * profile of the endpoint's kind names in {@code jwt-clients}, else {@code other}.
 *
 * @author Signet developers
 */
public class AuditTrail {

	private static final Logger audit = LoggerFactory.getLogger("signet.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry registry;

	private final Clock clock;

	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	private final List<Listener> listeners;

	/**
	 * An audit trail.
	 * @param registry where the counters go
	 * @param clock the clock of the events' time
	 */
	public AuditTrail(MeterRegistry registry, Clock clock) {
		this(registry, clock, List.of());
	}

	/**
	 * An audit trail that also hands every event to listeners.
	 * @param registry where the counters go
	 * @param clock the clock of the events' time
	 * @param listeners who else gets each event (such as the operator pages' recent
	 * decisions)
	 */
	public AuditTrail(MeterRegistry registry, Clock clock, List<Listener> listeners) {
		this.registry = registry;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * The {@code client} tag of a caller.
	 * @param caller the caller
	 * @param jwtClients the JWT clients the endpoint's profiles name
	 * @return the configured client name, or {@code other}
	 */
	static String clientLabel(Caller caller, Set<String> jwtClients) {
		return (caller.apiKey() || jwtClients.contains(caller.client())) ? caller.client() : "other";
	}

	void issued(Endpoint endpoint, Caller caller, Set<String> jwtClients, String profile, Grant grant) {
		counter("signet.signatures.issued", "Signatures, signed URLs and tokens issued", "endpoint", endpoint.tag(),
				"profile", profile, "client", clientLabel(caller, jwtClients))
			.increment();
		if (audit.isInfoEnabled() || !this.listeners.isEmpty()) {
			Map<String, Object> event = event(endpoint, "issued", caller, profile);
			event.put("account", grant.account());
			event.put("api_key", grant.apiKey());
			if (grant.algorithm() != null) {
				event.put("algorithm", grant.algorithm());
			}
			if (grant.signatureVersion() != null) {
				event.put("signature_version", grant.signatureVersion());
			}
			if (grant.uploadId() != null) {
				event.put("upload_id", grant.uploadId());
			}
			event.put("params", grant.params());
			if (grant.stringToSign() != null) {
				event.put("string_to_sign_sha256", HexFormat.of().formatHex(Sha256.digest(grant.stringToSign())));
			}
			record(event);
		}
	}

	void refused(Endpoint endpoint, Caller caller, Set<String> jwtClients, String profile, Refusal refusal) {
		String reason = refusal.reason().slug();
		counter("signet.signatures.refused", "Requests to issue refused", "endpoint", endpoint.tag(), "profile",
				profile, "client", clientLabel(caller, jwtClients), "reason", reason)
			.increment();
		if (audit.isInfoEnabled() || !this.listeners.isEmpty()) {
			Map<String, Object> event = event(endpoint, "refused", caller, profile);
			event.put("reason", reason);
			List<String> names = refusal.invalidParams().stream().map(ParameterProblem::name).toList();
			if (!names.isEmpty()) {
				event.put("refused_params", names);
			}
			record(event);
		}
	}

	private void record(Map<String, Object> event) {
		if (audit.isInfoEnabled()) {
			audit.info(JSON.writeValueAsString(event));
		}
		if (!this.listeners.isEmpty()) {
			Map<String, Object> recorded = Collections.unmodifiableMap(event);
			for (Listener listener : this.listeners) {
				listener.recorded(recorded);
			}
		}
	}

	private Map<String, Object> event(Endpoint endpoint, String outcome, Caller caller, String profile) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("time", this.clock.instant().toString());
		event.put("logger", "signet.audit");
		event.put("event", endpoint.construction() + "." + outcome);
		event.put("request_id", MDC.get(RequestIds.MDC_KEY));
		String clientRequestId = MDC.get(RequestIds.CLIENT_MDC_KEY);
		if (clientRequestId != null) {
			event.put("client_request_id", clientRequestId);
		}
		event.put("endpoint", endpoint.tag());
		event.put("auth", caller.apiKey() ? "api_key" : "jwt");
		event.put("client", caller.client());
		event.put("issuer", caller.issuer());
		event.put("subject", caller.subject());
		event.put("profile", profile);
		return event;
	}

	/**
	 * The counter of a name and tags, built and registered once.
	 * @param name the meter name
	 * @param description the meter description
	 * @param tags the tag keys and values, in pairs
	 * @return the registered counter
	 */
	private Counter counter(String name, String description, String... tags) {
		List<String> key = new ArrayList<>(tags.length + 1);
		key.add(name);
		key.addAll(Arrays.asList(tags));
		return this.counters.computeIfAbsent(key,
				(k) -> Counter.builder(name).description(description).tags(tags).register(this.registry));
	}

	/**
	 * Gets every audit event as it is recorded, whether or not the {@code signet.audit}
	 * logger writes it.
	 */
	@FunctionalInterface
	public interface Listener {

		/**
		 * One event, in the audit schema: never a secret, a signature, a token or a
		 * parameter value.
		 * @param event the event's fields, unmodifiable
		 */
		void recorded(Map<String, Object> event);

	}

}
