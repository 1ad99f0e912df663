package dev.signet.support;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the audit events a test captured on stdout.
 *
 * @author Signet developers
 */
public final class AuditLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AuditLines() {
	}

	/**
	 * The one audit event of a request, waiting for it (the audit appender writes from a
	 * background thread).
	 * @param output the captured output
	 * @param requestId the request's {@code X-Request-Id}
	 * @return the event
	 */
	public static JsonNode event(CapturedOutput output, String requestId) {
		Supplier<List<String>> lines = () -> output.getAll()
			.lines()
			.filter((line) -> line.contains("\"logger\":\"signet.audit\"")
					&& line.contains("\"request_id\":\"" + requestId + "\""))
			.toList();
		Eventually.within(Duration.ofSeconds(5), () -> !lines.get().isEmpty());
		assertThat(lines.get()).hasSize(1);
		String line = lines.get().get(0);
		assertThat(line).startsWith("{");
		return JSON.readTree(line);
	}

}
