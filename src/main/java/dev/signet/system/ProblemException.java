package dev.signet.system;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal that becomes an {@code application/problem+json} response with a stable
 * {@code type}. Plain Java so that code outside the web layer can throw it.
 *
 * @author Signet developers
 */
public class ProblemException extends RuntimeException {

	private final int status;

	private final ProblemType type;

	private final String detail;

	private final List<ParameterProblem> invalidParams;

	private final Map<String, Object> properties;

	private final Map<String, String> headers;

	public ProblemException(int status, ProblemType type, String detail) {
		this(status, type, detail, List.of(), Map.of());
	}

	public ProblemException(int status, ProblemType type, String detail, List<ParameterProblem> invalidParams,
			Map<String, Object> properties) {
		this(status, type, detail, invalidParams, properties, Map.of());
	}

	/**
	 * A refusal whose response also carries HTTP headers, such as {@code Retry-After}.
	 * @param status the HTTP status
	 * @param type the problem type
	 * @param detail what to change, safe to show
	 * @param invalidParams the refused parameters
	 * @param properties extra members of the problem body
	 * @param headers response headers by name, in the order given
	 */
	public ProblemException(int status, ProblemType type, String detail, List<ParameterProblem> invalidParams,
			Map<String, Object> properties, Map<String, String> headers) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.detail = detail;
		this.invalidParams = List.copyOf(invalidParams);
		this.properties = Map.copyOf(properties);
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

	public int getStatus() {
		return this.status;
	}

	public ProblemType getType() {
		return this.type;
	}

	public String getDetail() {
		return this.detail;
	}

	public List<ParameterProblem> getInvalidParams() {
		return this.invalidParams;
	}

	public Map<String, Object> getProperties() {
		return this.properties;
	}

	/**
	 * Response headers that go with this refusal.
	 * @return header values by name, possibly empty
	 */
	public Map<String, String> getHeaders() {
		return this.headers;
	}

}
