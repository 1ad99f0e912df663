package dev.signet.refusal;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Signet refuses a request: why ({@link Reason}), what to change ({@code detail}, safe to
 * show), which parameters, and when to come back. Plain Java: the domain throws it, the
 * web layer alone turns it into {@code application/problem+json} with an HTTP status.
 *
 * @author Signet developers
 */
public class Refusal extends RuntimeException {

	private final Reason reason;

	private final String detail;

	private final List<ParameterProblem> invalidParams;

	private final Map<String, Object> properties;

	private final @Nullable Long retryAfterSeconds;

	private final @Nullable LimitStatus limit;

	/**
	 * A refusal with a reason and what to change.
	 * @param reason why
	 * @param detail what to change, safe to show
	 */
	public Refusal(Reason reason, String detail) {
		this(reason, detail, List.of(), Map.of());
	}

	/**
	 * A refusal of parameters, or with extra members of the problem body.
	 * @param reason why
	 * @param detail what to change, safe to show
	 * @param invalidParams the refused parameters
	 * @param properties extra members of the problem body
	 */
	public Refusal(Reason reason, String detail, List<ParameterProblem> invalidParams, Map<String, Object> properties) {
		this(reason, detail, invalidParams, properties, null, null);
	}

	private Refusal(Reason reason, String detail, List<ParameterProblem> invalidParams, Map<String, Object> properties,
			@Nullable Long retryAfterSeconds, @Nullable LimitStatus limit) {
		super(detail, null, false, false);
		this.reason = reason;
		this.detail = detail;
		this.invalidParams = List.copyOf(invalidParams);
		this.properties = Map.copyOf(properties);
		this.retryAfterSeconds = retryAfterSeconds;
		this.limit = limit;
	}

	/**
	 * The same refusal, telling the client when to retry.
	 * @param seconds seconds to wait before retrying
	 * @return the refusal
	 */
	public Refusal retryAfter(long seconds) {
		return new Refusal(this.reason, this.detail, this.invalidParams, this.properties, seconds, this.limit);
	}

	/**
	 * The same refusal, naming the rate limit that was reached.
	 * @param limit the limit and its state
	 * @return the refusal
	 */
	public Refusal limit(LimitStatus limit) {
		return new Refusal(this.reason, this.detail, this.invalidParams, this.properties, this.retryAfterSeconds,
				limit);
	}

	/**
	 * Why Signet refuses.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * What to change, safe to show.
	 * @return the detail
	 */
	public String detail() {
		return this.detail;
	}

	/**
	 * The refused parameters.
	 * @return the parameters, possibly empty
	 */
	public List<ParameterProblem> invalidParams() {
		return this.invalidParams;
	}

	/**
	 * Extra members of the problem body.
	 * @return the members, possibly empty
	 */
	public Map<String, Object> properties() {
		return this.properties;
	}

	/**
	 * Seconds to wait before retrying.
	 * @return the seconds, or {@code null} when retrying does not help by itself
	 */
	public @Nullable Long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/**
	 * The rate limit that was reached.
	 * @return the limit, or {@code null}
	 */
	public @Nullable LimitStatus limit() {
		return this.limit;
	}

}
