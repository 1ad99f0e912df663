package dev.signet.access;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.signet.ratelimit.BucketState;
import dev.signet.ratelimit.RateLimiter;
import dev.signet.refusal.LimitStatus;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The access pipeline: every endpoint that issues something, and every endpoint that
 * spends from a caller's rate limits, goes through here, in this order:
 * <ol>
 * <li>the caller, from what the credentials claim ({@link CallerClaim#resolve()});</li>
 * <li>the typed request, read from the body;</li>
 * <li>the profile, by the one selection rule ({@link ProfileCatalog#select});</li>
 * <li>the limits: the caller's, its client app's and the profile's buckets
 * ({@link Endpoint#bucket});</li>
 * <li>the endpoint's own work, which issues or refuses;</li>
 * <li>the decision, issued or refused, in the one audit schema ({@link AuditTrail}).</li>
 * </ol>
 * A refusal after the limits were spent carries their state, as an issued answer does.
 *
 * @author Signet developers
 */
public class Access {

	private static final String NO_PROFILE = "-";

	private final RateLimiter limiter;

	private final AuditTrail audit;

	/**
	 * The pipeline.
	 * @param limiter the rate limiter
	 * @param audit the audit trail
	 */
	public Access(RateLimiter limiter, AuditTrail audit) {
		this.limiter = limiter;
		this.audit = audit;
	}

	/**
	 * Issues something under a profile.
	 * @param <Q> the typed request
	 * @param <P> the profile type
	 * @param <R> the response type
	 * @param endpoint the endpoint
	 * @param claim what the credentials say about the caller
	 * @param request reads the typed request (may refuse)
	 * @param profiles the profiles of the endpoint's kind
	 * @param work the endpoint's own work
	 * @return the response and the limits' state
	 * @throws Refusal when any step refuses; the refusal is audited
	 */
	public <Q extends ProfileRequest, P extends AccessProfile, R> Issued<R> issue(Endpoint endpoint, CallerClaim claim,
			Supplier<Q> request, ProfileCatalog<P> profiles, Work<Q, P, R> work) {
		Caller caller = claim.principal();
		String profileName = NO_PROFILE;
		LimitStatus limit = null;
		try {
			caller = claim.resolve();
			Q typed = request.get();
			P profile = profiles.select(typed.profile(), caller);
			profileName = profile.name();
			limit = spend(endpoint.bucket(profileName), caller);
			Issue<R> issue = work.apply(typed, profile, caller);
			this.audit.issued(endpoint, caller, profiles.jwtClientNames(), profileName, issue.grant());
			return new Issued<>(issue.response(), limit);
		}
		catch (Refusal refusal) {
			this.audit.refused(endpoint, caller, profiles.jwtClientNames(), profileName, refusal);
			throw withLimit(refusal, limit);
		}
	}

	/**
	 * Serves a request that issues nothing but spends from the caller's buckets of its
	 * kind (diagnostics, verification, profile descriptions).
	 * @param <R> the response type
	 * @param endpoint the endpoint
	 * @param claim what the credentials say about the caller
	 * @param work the endpoint's work, given the caller
	 * @return the response and the limits' state
	 * @throws Refusal when the caller, the limits or the work refuse
	 */
	public <R> Issued<R> serve(Endpoint endpoint, CallerClaim claim, Function<Caller, R> work) {
		Caller caller = claim.resolve();
		LimitStatus limit = spend(endpoint.bucket(NO_PROFILE), caller);
		try {
			return new Issued<>(work.apply(caller), limit);
		}
		catch (Refusal refusal) {
			throw withLimit(refusal, limit);
		}
	}

	/**
	 * Reads a caller's buckets of one profile or kind without spending from them, keyed
	 * exactly as {@link #issue} and {@link #serve} spend from them.
	 * @param bucket the profile's name, or the kind of endpoint
	 * @param caller the caller whose buckets to read
	 * @return the caller's, its client app's and everyone's bucket; empty when limits are
	 * off
	 */
	public List<BucketState> limits(String bucket, Caller caller) {
		return this.limiter.peek(bucket, callerId(caller), clientId(caller));
	}

	private LimitStatus spend(String bucket, Caller caller) {
		return this.limiter.consume(bucket, callerId(caller), clientId(caller));
	}

	private static Refusal withLimit(Refusal refusal, @Nullable LimitStatus limit) {
		return (limit != null && limit.limited() && refusal.limit() == null) ? refusal.limit(limit) : refusal;
	}

	/**
	 * The caller's bucket key: API-key and JWT keys never share a bucket; a trusted
	 * backend's named end user is its own caller.
	 * @param caller the caller
	 * @return the key
	 */
	static String callerId(Caller caller) {
		return caller.key();
	}

	/**
	 * The client app's bucket key: the API-key client, or the JWT issuer and client
	 * ({@code azp}, else {@code client_id}, else the issuer's shared client).
	 * @param caller the caller
	 * @return the key
	 */
	static String clientId(Caller caller) {
		return caller.apiKey() ? "key:" + caller.client() : "jwt:" + caller.issuer() + "\n" + caller.client();
	}

	/**
	 * A typed request that may name a profile.
	 */
	public interface ProfileRequest {

		/**
		 * The profile the request names.
		 * @return the name, or {@code null}
		 */
		@Nullable String profile();

	}

	/**
	 * An endpoint's own work under a selected profile.
	 *
	 * @param <Q> the typed request
	 * @param <P> the profile type
	 * @param <R> the response type
	 */
	@FunctionalInterface
	public interface Work<Q, P, R> {

		/**
		 * Issues, or refuses by throwing.
		 * @param request the typed request
		 * @param profile the selected profile
		 * @param caller the caller
		 * @return the response and what was issued
		 */
		Issue<R> apply(Q request, P profile, Caller caller);

	}

}
