package dev.signet.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.signet.system.ParameterProblem;
import dev.signet.system.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Records every signing decision: one JSON audit event on the {@code signet.audit} logger
 * (never the secret, never the signature) and Micrometer counters of issued and refused
 * signatures.
 *
 * @author Signet developers
 */
@Component
public class SigningEvents {

	private static final Logger audit = LoggerFactory.getLogger("signet.audit");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MeterRegistry registry;

	private final Counter issuedStamped;

	private final Counter issuedWidget;

	SigningEvents(MeterRegistry registry) {
		this.registry = registry;
		this.issuedStamped = issuedCounter("stamped");
		this.issuedWidget = issuedCounter("widget");
	}

	private Counter issuedCounter(String endpoint) {
		return Counter.builder("signet.signatures.issued")
			.description("Signatures issued")
			.tag("endpoint", endpoint)
			.register(this.registry);
	}

	void issued(String endpoint, Authentication caller, UploadSignatures.Issued<?> issued) {
		(endpoint.equals("widget") ? this.issuedWidget : this.issuedStamped).increment();
		if (audit.isInfoEnabled()) {
			Map<String, Object> event = event("issued", endpoint, caller);
			event.put("api_key", issued.account().apiKey());
			event.put("algorithm", issued.account().algorithm().configName());
			event.put("signature_version", issued.account().signatureVersion());
			event.put("params", issued.signedNames());
			event.put("string_to_sign_sha256", sha256(issued.stringToSign()));
			audit.info(JSON.writeValueAsString(event));
		}
	}

	void refused(String endpoint, Authentication caller, ProblemException ex) {
		String reason = ex.getType().uri().getPath().substring("/problems/".length());
		Counter.builder("signet.signatures.refused")
			.description("Signing requests refused")
			.tag("endpoint", endpoint)
			.tag("reason", reason)
			.register(this.registry)
			.increment();
		if (audit.isInfoEnabled()) {
			Map<String, Object> event = event("refused", endpoint, caller);
			event.put("reason", reason);
			List<String> names = ex.getInvalidParams().stream().map(ParameterProblem::name).toList();
			if (!names.isEmpty()) {
				event.put("refused_params", names);
			}
			audit.info(JSON.writeValueAsString(event));
		}
	}

	private static Map<String, Object> event(String outcome, String endpoint, Authentication caller) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("event", "signature." + outcome);
		event.put("request_id", MDC.get("request_id"));
		event.put("endpoint", endpoint);
		event.put("caller", caller.getName());
		event.put("auth", caller.getClass().getSimpleName().startsWith("Jwt") ? "jwt" : "api_key");
		return event;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
