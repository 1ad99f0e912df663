package dev.signet.access;

import java.util.regex.Pattern;

import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * What a request's credentials say about its caller, before the pipeline decides who the
 * caller is: the authenticated principal, the end user a backend names (the
 * {@code X-Signet-User} header) and whether that backend is trusted to name one.
 *
 * @param principal the caller as its credentials alone identify it
 * @param namedUser the end user the request names, or {@code null}
 * @param trustedToNameUsers whether the principal is an API-key client listed in
 * {@code SIGNET_TRUSTED_CLIENTS}
 * @author Signet developers
 */
public record CallerClaim(Caller principal, @Nullable String namedUser, boolean trustedToNameUsers) {

	/** Header in which a trusted API-key client names its logged-in end user. */
	public static final String USER_HEADER = "X-Signet-User";

	private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@:|-]{1,128}");

	/**
	 * A claim without a named user.
	 * @param principal the caller
	 * @return the claim
	 */
	public static CallerClaim of(Caller principal) {
		return new CallerClaim(principal, null, false);
	}

	/**
	 * The caller the rules, limits and audit see: the principal, or for a trusted backend
	 * the end user it names (its own caller, with its own buckets).
	 * @return the caller
	 * @throws Refusal {@code forbidden} when a JWT or an untrusted client names a user,
	 * {@code invalid-request} when the user is malformed
	 */
	public Caller resolve() {
		if (this.namedUser == null) {
			return this.principal;
		}
		if (!this.principal.apiKey()) {
			throw new Refusal(Reason.FORBIDDEN,
					"Only trusted API-key clients may name a user in " + USER_HEADER + "; a JWT names its subject.");
		}
		if (!this.trustedToNameUsers) {
			throw new Refusal(Reason.FORBIDDEN, "The client '" + this.principal.client()
					+ "' is not trusted to name a user in " + USER_HEADER + " (see SIGNET_TRUSTED_CLIENTS).");
		}
		if (!USER.matcher(this.namedUser).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST, USER_HEADER + " must be 1 to 128 letters, digits or . _ @ : | -");
		}
		return Caller.ofApiKey(this.principal.client(), this.namedUser);
	}

}
