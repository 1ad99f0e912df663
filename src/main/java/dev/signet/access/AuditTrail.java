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
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;
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
 * {@code delivery_url.refused}), {@code request_id}, {@code trace_id} while traces are
 * on, {@code client_request_id} when the client sent one, {@code endpoint}, {@code auth}
 * ({@code api_key} or {@code jwt}), {@code client}, {@code issuer}, {@code subject},
 * {@code profile} ({@code -} before one was selected); when issued {@code account},
 * {@code api_key}, {@code algorithm} and {@code signature_version} where they apply,
 * {@code upload_id} for an upload session, {@code params} (names only) and
 * {@code string_to_sign_sha256}; when refused {@code reason} (the problem type's slug)
 * and {@code refused_params}. Never a secret, a signature, a token or a parameter value.
 *
 * <p>
 * Metric tags are bounded: endpoint, resolved profile name, reason, and a {@code client}
 * that is an API-key client (configured in {@code SIGNET_API_KEYS}), a JWT client some
 * profile of the endpoint's kind names in {@code jwt-clients}, else {@code other}.
 *
 * <p>
 * While traces are on, the request's span gets the same bounded values as attributes:
 * {@code signet.endpoint}, {@code signet.caller} (the metric's {@code client}),
 * {@code signet.auth}, {@code signet.profile}, {@code signet.outcome} ({@code issued} or
 * {@code refused}) and {@code signet.reason} when refused; never a parameter, a secret or
 * a signature. While they are off there is no tracer and nothing of this runs.
 *
 * @author Signet developers
 */
public class AuditTrail {

	private static final Logger audit = LoggerFactory.getLogger("signet.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry registry;

	private final Clock clock;

	private final @Nullable Tracer tracer;

	private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

	private final List<Listener> listeners;

	/**
	 * An audit trail without listeners or traces.
	 * @param registry where the counters go
	 * @param clock the clock of the events' time
	 */
	public AuditTrail(MeterRegistry registry, Clock clock) {
		this(registry, clock, List.of(), null);
	}

	/**
	 * An audit trail that also hands every event to listeners and tags the current span.
	 * @param registry where the counters go
	 * @param clock the clock of the events' time
	 * @param listeners who else gets each event (such as the operator pages' recent
	 * decisions)
	 * @param tracer the tracer while traces are on, else {@code null}
	 */
	public AuditTrail(MeterRegistry registry, Clock clock, List<Listener> listeners, @Nullable Tracer tracer) {
		this.registry = registry;
		this.clock = clock;
		this.listeners = List.copyOf(listeners);
		this.tracer = tracer;
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
		String client = clientLabel(caller, jwtClients);
		counter("signet.signatures.issued", "Signatures, signed URLs and tokens issued", "endpoint", endpoint.tag(),
				"profile", profile, "client", client)
			.increment();
		Span span = span(endpoint, caller, client, profile, "issued");
		if (audit.isInfoEnabled() || !this.listeners.isEmpty()) {
			Map<String, Object> event = event(endpoint, "issued", caller, profile, span);
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
		String client = clientLabel(caller, jwtClients);
		counter("signet.signatures.refused", "Requests to issue refused", "endpoint", endpoint.tag(), "profile",
				profile, "client", client, "reason", reason)
			.increment();
		Span span = span(endpoint, caller, client, profile, "refused");
		if (span != null) {
			span.tag("signet.reason", reason);
		}
		if (audit.isInfoEnabled() || !this.listeners.isEmpty()) {
			Map<String, Object> event = event(endpoint, "refused", caller, profile, span);
			event.put("reason", reason);
			List<String> names = refusal.invalidParams().stream().map(ParameterProblem::name).toList();
			if (!names.isEmpty()) {
				event.put("refused_params", names);
			}
			record(event);
		}
	}

	/**
	 * Records what Signet decided about an upload it signed once Cloudinary said what
	 * arrived, and counts it as {@code signet.uploads.judged{profile,verdict,source}}.
	 * @param uploadId the upload id
	 * @param caller who signed it, as the upload record names it
	 * @param profile the profile
	 * @param verdict {@code accepted} or {@code rejected}
	 * @param reason why it was rejected, or {@code null}
	 * @param source {@code notification} or {@code pull}
	 */
	public void judged(String uploadId, String caller, String profile, String verdict, @Nullable String reason,
			String source) {
		counter("signet.uploads.judged", "Uploads Signet signed, judged once they arrived", "profile", profile,
				"verdict", verdict, "source", source)
			.increment();
		if (audit.isInfoEnabled() || !this.listeners.isEmpty()) {
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("time", this.clock.instant().toString());
			event.put("logger", "signet.audit");
			event.put("event", "upload.judged");
			event.put("upload_id", uploadId);
			event.put("caller", caller);
			event.put("profile", profile);
			event.put("verdict", verdict);
			if (reason != null) {
				event.put("reason", reason);
			}
			event.put("source", source);
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

	/**
	 * Puts the decision on the request's span, while traces are on.
	 * @param endpoint the endpoint
	 * @param caller the caller
	 * @param client the caller's bounded client label
	 * @param profile the profile's name
	 * @param outcome {@code issued} or {@code refused}
	 * @return the span, or {@code null} when traces are off or no span is current
	 */
	private @Nullable Span span(Endpoint endpoint, Caller caller, String client, String profile, String outcome) {
		if (this.tracer == null) {
			return null;
		}
		Span span = this.tracer.currentSpan();
		if (span != null) {
			span.tag("signet.endpoint", endpoint.tag())
				.tag("signet.caller", client)
				.tag("signet.auth", caller.apiKey() ? "api_key" : "jwt")
				.tag("signet.profile", profile)
				.tag("signet.outcome", outcome);
		}
		return span;
	}

	private Map<String, Object> event(Endpoint endpoint, String outcome, Caller caller, String profile,
			@Nullable Span span) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("time", this.clock.instant().toString());
		event.put("logger", "signet.audit");
		event.put("event", endpoint.construction() + "." + outcome);
		event.put("request_id", MDC.get(RequestIds.MDC_KEY));
		if (span != null) {
			event.put("trace_id", span.context().traceId());
		}
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
