package dev.signet.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.security.Caller;
import dev.signet.system.ParameterProblem;
import dev.signet.system.ProblemException;
import dev.signet.system.RequestIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records every delivery URL and token decision on the {@code signet.audit} logger (never
 * a secret, a signature or a token) and in counters.
 *
 * @author Signet developers
 */
class DeliveryEvents {

	private static final Logger audit = LoggerFactory.getLogger("signet.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry meters;

	DeliveryEvents(MeterRegistry meters) {
		this.meters = meters;
	}

	void issued(String kind, Caller caller, DeliverySigning.Issued<?> issued) {
		Counter.builder("signet.delivery.issued")
			.description("Signed delivery URLs and auth tokens issued")
			.tag("kind", kind)
			.register(this.meters)
			.increment();
		if (audit.isInfoEnabled()) {
			Map<String, Object> event = event(kind + ".issued", caller);
			event.put("profile", issued.profile());
			event.put("account", issued.account());
			event.put("api_key", issued.apiKey());
			audit.info(JSON.writeValueAsString(event));
		}
	}

	void refused(String kind, Caller caller, ProblemException ex) {
		String reason = ex.getType().uri().getPath().substring("/problems/".length());
		Counter.builder("signet.delivery.refused")
			.description("Delivery URL and auth token requests refused")
			.tag("kind", kind)
			.tag("reason", reason)
			.register(this.meters)
			.increment();
		if (audit.isInfoEnabled()) {
			Map<String, Object> event = event(kind + ".refused", caller);
			event.put("reason", reason);
			List<String> names = ex.getInvalidParams().stream().map(ParameterProblem::name).toList();
			if (!names.isEmpty()) {
				event.put("refused_fields", names);
			}
			audit.info(JSON.writeValueAsString(event));
		}
	}

	private static Map<String, Object> event(String name, Caller caller) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", name);
		event.put("request_id", MDC.get(RequestIds.MDC_KEY));
		String clientRequestId = MDC.get(RequestIds.CLIENT_MDC_KEY);
		if (clientRequestId != null) {
			event.put("client_request_id", clientRequestId);
		}
		event.put("auth", caller.apiKey() ? "api_key" : "jwt");
		event.put("client", caller.client());
		event.put("issuer", caller.issuer());
		event.put("subject", caller.subject());
		return event;
	}

}
