package dev.signet.system;

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

	public ProblemException(int status, ProblemType type, String detail) {
		this(status, type, detail, List.of(), Map.of());
	}

	public ProblemException(int status, ProblemType type, String detail, List<ParameterProblem> invalidParams,
			Map<String, Object> properties) {
		super(detail, null, false, false);
		this.status = status;
		this.type = type;
		this.detail = detail;
		this.invalidParams = List.copyOf(invalidParams);
		this.properties = Map.copyOf(properties);
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

}
