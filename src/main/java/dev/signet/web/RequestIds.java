package dev.signet.web;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.MDC;

/**
 * The request id of the request being served: always minted by Signet (a caller never
 * chooses the id its audit lines carry), put in the log context, the {@code X-Request-Id}
 * response header and every problem response. A well-formed {@code X-Request-Id} the
 * caller sent is kept apart as the client request id, which audit events carry as
 * {@code client_request_id}.
 *
 * @author Signet developers
 */
public final class RequestIds {

	/** Header that carries the id in both directions. */
	public static final String HEADER = "X-Request-Id";

	/** Key of the id in the logging context. */
	public static final String MDC_KEY = "request_id";

	/** Key of the caller's own {@code X-Request-Id} in the logging context. */
	public static final String CLIENT_MDC_KEY = "client_request_id";

	static final String ATTRIBUTE = RequestIds.class.getName();

	private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._:-]{8,64}");

	private RequestIds() {
	}

	static String assign(HttpServletRequest request) {
		String id = fresh();
		request.setAttribute(ATTRIBUTE, id);
		MDC.put(MDC_KEY, id);
		String incoming = request.getHeader(HEADER);
		if (incoming != null && WELL_FORMED.matcher(incoming).matches()) {
			MDC.put(CLIENT_MDC_KEY, incoming);
		}
		return id;
	}

	/**
	 * A fresh random id in UUID form. Request ids correlate logs, they grant nothing, so
	 * they come from {@link ThreadLocalRandom} rather than from
	 * {@link UUID#randomUUID()}'s {@code SecureRandom}, which every request thread would
	 * otherwise contend for.
	 * @return a version 4 UUID string
	 */
	static String fresh() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least).toString();
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
