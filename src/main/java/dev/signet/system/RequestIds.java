package dev.signet.system;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

/**
 * The request id of the request being served: taken from a well-formed
 * {@code X-Request-Id} header or made fresh, put in the log context and in every problem
 * response.
 *
 * @author Signet developers
 */
public final class RequestIds {

	/** Header that carries the id in both directions. */
	public static final String HEADER = "X-Request-Id";

	/** Key of the id in the logging context. */
	public static final String MDC_KEY = "request_id";

	static final String ATTRIBUTE = RequestIds.class.getName();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	private RequestIds() {
	}

	static String assign(HttpServletRequest request) {
		String incoming = request.getHeader(HEADER);
		String id = (incoming != null && WELL_FORMED.matcher(incoming).matches()) ? incoming
				: UUID.randomUUID().toString();
		request.setAttribute(ATTRIBUTE, id);
		MDC.put(MDC_KEY, id);
		return id;
	}

	/**
	 * The id of a request.
	 * @param request the request
	 * @return its id, or a fresh one when none was assigned
	 */
	public static String of(HttpServletRequest request) {
		Object id = request.getAttribute(ATTRIBUTE);
		return (id instanceof String string) ? string : assign(request);
	}

}
