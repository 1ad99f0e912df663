package dev.signet.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.access.Access;
import dev.signet.access.Caller;
import dev.signet.accounts.AccountRegistry;
import dev.signet.delivery.DeliveryProperties;
import dev.signet.ratelimit.BucketState;
import dev.signet.ratelimit.RateLimitProperties;
import dev.signet.ratelimit.RateLimiter;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import dev.signet.signing.ProfileProperties;
import dev.signet.signing.SigningProfile;
import dev.signet.signing.SigningProfiles;
import org.jspecify.annotations.Nullable;

/**
 * What the operator pages show, built from the configuration and the running components:
 * the profiles and their rules, a caller's limits and buckets, the loaded accounts, the
 * latest decisions. Plain Java; never a secret (accounts show fingerprints only), a
 * signature or a parameter value.
 *
 * @author Signet developers
 */
public class OperatorReports {

	/** The kinds of endpoint with buckets of their own, and what they serve. */
	static final Map<String, String> KINDS = kinds();

	/** The most decisions one answer holds when the request names no limit. */
	static final int DEFAULT_DECISIONS = 100;

	private static final Pattern NAME = Pattern.compile("[\\x21-\\x7e]{1,256}");

	private static final Pattern ISSUER = Pattern.compile("[\\x21-\\x7e]{1,512}");

	private static final Pattern OUTCOME = Pattern.compile("[a-z-]{1,64}");

	private final SigningProfiles signing;

	private final ProfileProperties signingSettings;

	private final DeliveryProperties delivery;

	private final RateLimitProperties limits;

	private final RateLimiter limiter;

	private final Access access;

	private final AccountRegistry accounts;

	private final RecentDecisions decisions;

	/**
	 * The reports.
	 * @param signing the compiled signing profiles
	 * @param signingSettings the signing profiles as configured (their caller lists)
	 * @param delivery the delivery profiles as configured
	 * @param limits the rate limits as configured
	 * @param limiter the rate limiter, for its mode
	 * @param access the pipeline, which reads buckets keyed as it spends from them
	 * @param accounts the loaded accounts
	 * @param decisions the latest decisions
	 */
	public OperatorReports(SigningProfiles signing, ProfileProperties signingSettings, DeliveryProperties delivery,
			RateLimitProperties limits, RateLimiter limiter, Access access, AccountRegistry accounts,
			RecentDecisions decisions) {
		this.signing = signing;
		this.signingSettings = signingSettings;
		this.delivery = delivery;
		this.limits = limits;
		this.limiter = limiter;
		this.access = access;
		this.accounts = accounts;
		this.decisions = decisions;
	}

	private static Map<String, String> kinds() {
		Map<String, String> kinds = new LinkedHashMap<>();
		kinds.put(RateLimitProperties.DELIVERY, "delivery URLs and auth tokens");
		kinds.put(RateLimitProperties.VERIFICATION, "notification and response verification, profile descriptions");
		kinds.put(RateLimitProperties.DIAGNOSTICS, "signature diagnostics");
		kinds.put(RateLimitProperties.RESIGNING, "re-signatures of upload sessions' parts");
		kinds.put(RateLimitProperties.OPERATOR, "operator pages");
		return kinds;
	}

	/**
	 * The signing and delivery profiles with their rules and limits, and the limits of
	 * the other kinds of endpoint.
	 * @return the page
	 */
	public Map<String, Object> profiles() {
		List<Map<String, Object>> signingProfiles = new ArrayList<>();
		this.signing.all().forEach((name, profile) -> signingProfiles.add(describe(profile)));
		List<Map<String, Object>> deliveryProfiles = new ArrayList<>();
		this.delivery.profiles().forEach((name, profile) -> deliveryProfiles.add(describe(name, profile)));
		Map<String, Object> kinds = new LinkedHashMap<>();
		KINDS.forEach((kind, words) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("serves", words);
			entry.put("limits", limits(kind));
			kinds.put(kind, entry);
		});
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("rate_limits_enabled", this.limits.enabled());
		page.put("signing_profiles", signingProfiles);
		page.put("delivery_profiles", deliveryProfiles);
		page.put("endpoint_kinds", kinds);
		return page;
	}

	private Map<String, Object> describe(SigningProfile profile) {
		ProfileProperties.Profile settings = this.signingSettings.profiles().get(profile.name());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("name", profile.name());
		out.put("account", profile.account());
		out.put("clients", (settings != null) ? settings.clients() : List.of());
		out.put("jwt_clients", (settings != null) ? settings.jwtClients() : List.of());
		out.put("scopes", (settings != null) ? settings.scopes() : List.of());
		out.put("resource_types", profile.resourceTypes());
		out.put("forced", profile.forcedTemplates());
		Map<String, Object> allowed = new LinkedHashMap<>();
		profile.allowedRules().forEach((param, rule) -> allowed.put(param, rule.describe()));
		out.put("allowed", allowed);
		Map<String, String> refused = new LinkedHashMap<>(profile.policy().refusedReasons());
		refused.keySet().removeAll(profile.allowedRules().keySet());
		refused.keySet().removeAll(profile.forcedTemplates().keySet());
		out.put("refused", refused);
		out.put("refused_otherwise", "every parameter that is neither forced nor allowed");
		out.put("validity_seconds", profile.validity().toSeconds());
		out.put("explain", profile.explainAllowed());
		out.put("chunk_size", profile.chunkSize());
		out.put("session_validity_seconds", profile.sessionValidity().toSeconds());
		Map<String, Object> file = new LinkedHashMap<>();
		file.put("max_bytes", profile.fileRules().maxBytes());
		file.put("formats", profile.fileRules().formats());
		out.put("file", file);
		out.put("limits", limits(profile.name()));
		return out;
	}

	private Map<String, Object> describe(String name, DeliveryProperties.Profile profile) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("name", name);
		out.put("account", profile.account());
		out.put("clients", profile.clients());
		out.put("jwt_clients", profile.jwtClients());
		out.put("public_id_pattern", profile.publicIdPattern());
		out.put("transformations", profile.transformations());
		out.put("any_transformation", profile.anyTransformation());
		out.put("types", profile.types().stream().sorted().toList());
		out.put("resource_types", profile.resourceTypes().stream().sorted().toList());
		out.put("token_paths", profile.tokenPaths());
		out.put("max_token_duration_seconds", profile.maxTokenDuration().toSeconds());
		out.put("limits", limits(RateLimitProperties.DELIVERY));
		return out;
	}

	private Map<String, Object> limits(String bucket) {
		RateLimitProperties.ProfileLimits configured = this.limits.forProfile(bucket);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("caller", describe(configured.caller()));
		out.put("client", describe(configured.client()));
		out.put("global", describe(configured.global()));
		return out;
	}

	private static Map<String, Object> describe(RateLimitProperties.@Nullable Limit limit) {
		Map<String, Object> out = new LinkedHashMap<>();
		if (limit == null || limit.capacity() == null || limit.period() == null) {
			return out;
		}
		out.put("limit", limit.capacity());
		out.put("window_seconds", limit.period().toSeconds());
		int quota = (limit.quota() != null) ? limit.quota() : 0;
		if (quota > 0 && limit.quotaPeriod() != null) {
			out.put("quota", quota);
			out.put("quota_window_seconds", limit.quotaPeriod().toSeconds());
		}
		return out;
	}

	/**
	 * A caller's limits and the state of its buckets, read without spending from them.
	 * @param client the API-key client, or the JWT's client ({@code azp}, else
	 * {@code client_id}, else its issuer) when {@code issuer} is given
	 * @param issuer the JWT issuer, or {@code null} for an API-key client
	 * @param subject the end user: a JWT's {@code sub}, or the user a trusted API-key
	 * client names in {@code X-Signet-User}; {@code null} for the client itself
	 * @return the page
	 * @throws Refusal {@code invalid-request} when a field is missing or malformed
	 */
	public Map<String, Object> limits(@Nullable String client, @Nullable String issuer, @Nullable String subject) {
		if (client == null || !NAME.matcher(client).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST,
					"Name the caller: caller=<API-key client name>, or caller=<JWT azp or client_id>&issuer=<JWT iss>, "
							+ "optionally with subject=<end user>.");
		}
		if (issuer != null && !ISSUER.matcher(issuer).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST, "issuer must be the JWT's iss: 1 to 512 printable characters.");
		}
		if (subject != null && !NAME.matcher(subject).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST, "subject must be 1 to 256 printable characters.");
		}
		if (issuer != null && subject == null) {
			throw new Refusal(Reason.INVALID_REQUEST,
					"A JWT caller's buckets are its end user's: name the token's sub as subject=<sub> with issuer.");
		}
		Caller caller = (issuer != null) ? new Caller(client, issuer, subject, Set.of(), false)
				: Caller.ofApiKey(client, subject);
		List<Map<String, Object>> buckets = new ArrayList<>();
		this.signing.all().forEach((name, profile) -> {
			Map<String, Object> entry = bucket(name, "signing profile", caller);
			entry.put("caller_named", profile.callers().permits(caller));
			buckets.add(entry);
		});
		KINDS.forEach((kind, words) -> buckets.add(bucket(kind, words, caller)));
		Map<String, Object> who = new LinkedHashMap<>();
		who.put("auth", caller.apiKey() ? "api_key" : "jwt");
		who.put("client", caller.client());
		who.put("issuer", caller.issuer());
		who.put("subject", caller.subject());
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("caller", who);
		page.put("mode", this.limiter.mode());
		page.put("buckets", buckets);
		return page;
	}

	private Map<String, Object> bucket(String name, String kind, Caller caller) {
		List<Map<String, Object>> states = new ArrayList<>();
		for (BucketState state : this.access.limits(name, caller)) {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("scope", state.scope());
			out.put("limit", state.limit());
			out.put("window_seconds", state.windowSeconds());
			out.put("remaining", state.remaining());
			out.put("full_in_seconds", state.resetSeconds());
			if (state.quota() > 0) {
				out.put("quota", state.quota());
				out.put("quota_window_seconds", state.quotaWindowSeconds());
				out.put("quota_remaining", state.quotaRemaining());
			}
			out.put("replica_share", state.share());
			states.add(out);
		}
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("bucket", name);
		entry.put("kind", kind);
		entry.put("states", states);
		return entry;
	}

	/**
	 * The loaded Cloudinary accounts: cloud names, public API keys and the fingerprints
	 * of their secrets and token keys, never the secrets.
	 * @return the page
	 */
	public Map<String, Object> accounts() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (AccountRegistry.AccountStatus status : this.accounts.status()) {
			Map<String, Object> account = new LinkedHashMap<>();
			account.put("name", status.name());
			account.put("cloud_name", status.cloudName());
			account.put("well_formed", status.wellFormed());
			account.put("source", status.source());
			account.put("reloadable", status.reloadable());
			List<Map<String, Object>> keys = new ArrayList<>();
			for (AccountRegistry.KeyStatus key : status.keys()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("api_key", key.apiKey());
				entry.put("role", key.role());
				entry.put("secret_fingerprint", key.secretFingerprint());
				entry.put("algorithm", key.algorithm());
				entry.put("signature_version", key.signatureVersion());
				keys.add(entry);
			}
			account.put("keys", keys);
			account.put("token_key_fingerprint", status.tokenKeyFingerprint());
			account.put("loaded_at", status.loadedAt().toString());
			account.put("error", status.error());
			out.add(account);
		}
		return Map.of("accounts", out);
	}

	/**
	 * The latest decisions, newest first.
	 * @param caller only this client's, or {@code null}
	 * @param profile only this profile's, or {@code null}
	 * @param outcome only {@code issued}, {@code refused}, or refusals of this reason; or
	 * {@code null}
	 * @param limit the most to return, or {@code null} for {@value #DEFAULT_DECISIONS}
	 * @return the page
	 * @throws Refusal {@code invalid-request} when a filter is malformed
	 */
	public Map<String, Object> decisions(@Nullable String caller, @Nullable String profile, @Nullable String outcome,
			@Nullable String limit) {
		String callerFilter = blankToNull(caller);
		String profileFilter = blankToNull(profile);
		String outcomeFilter = blankToNull(outcome);
		if (callerFilter != null && !NAME.matcher(callerFilter).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST, "caller must be a client name: 1 to 256 printable characters.");
		}
		if (profileFilter != null && !NAME.matcher(profileFilter).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST, "profile must be a profile name: 1 to 256 printable characters.");
		}
		if (outcomeFilter != null && !OUTCOME.matcher(outcomeFilter).matches()) {
			throw new Refusal(Reason.INVALID_REQUEST,
					"outcome must be issued, refused, or a refusal's reason such as rate-limited.");
		}
		int max = Math.max(1, this.decisions.capacity());
		int count = DEFAULT_DECISIONS;
		String limitValue = blankToNull(limit);
		if (limitValue != null) {
			if (!limitValue.matches("[0-9]{1,6}") || Integer.parseInt(limitValue) < 1) {
				throw new Refusal(Reason.INVALID_REQUEST,
						"limit must be a whole number of at least 1 (at most " + max + " decisions are kept).");
			}
			count = Integer.parseInt(limitValue);
		}
		count = Math.min(count, max);
		List<Map<String, Object>> found = this.decisions
			.latest(new RecentDecisions.Filter(callerFilter, profileFilter, outcomeFilter), count);
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("kept", this.decisions.capacity());
		page.put("recorded_since_start", this.decisions.recorded());
		page.put("decisions", found);
		return page;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
