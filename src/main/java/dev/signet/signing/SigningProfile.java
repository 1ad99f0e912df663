package dev.signet.signing;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.signet.access.AccessProfile;
import dev.signet.access.AllowedCallers;
import dev.signet.access.Caller;
import dev.signet.assets.AssetRules;
import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * A compiled signing profile: who may use it, what it forces and allows, and how long its
 * signatures live.
 *
 * @author Signet developers
 */
public final class SigningProfile implements AccessProfile {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(sub|ns|client|uuid|date)\\}");

	/** What a subject must look like to be written into a forced value with {sub}. */
	private static final Pattern SAFE_SUBJECT = Pattern.compile("[A-Za-z0-9._@-]{1,128}");

	/**
	 * What the value of every placeholder must be: one name, so that it can add no path
	 * segment, list item, context key or parameter to the forced value.
	 */
	private static final ParameterRule PLACEHOLDER_VALUE = ParameterRule.identifier(128, false);

	/** The smallest part Cloudinary takes, but for the last one: 5 MiB. */
	public static final long MIN_CHUNK_SIZE = 5L * 1024 * 1024;

	/** The largest part Cloudinary takes: 100 MB. */
	public static final long MAX_CHUNK_SIZE = 100_000_000;

	/** The longest an upload session may be re-signed. */
	public static final Duration MAX_SESSION_VALIDITY = Duration.ofDays(7);

	private final String name;

	private final AllowedCallers callers;

	private final Set<String> scopes;

	private final Map<String, String> forced;

	private final UploadPolicy policy;

	private final List<String> resourceTypes;

	private final Duration validity;

	private final boolean explain;

	private final String account;

	private final Map<String, ProfileProperties.Rule> allowedRules;

	private final Map<String, ParameterRule> forcedRules;

	private final long chunkSize;

	private final Duration sessionValidity;

	private final FileRules fileRules;

	private final AssetRules assetRules;

	private final boolean notify;

	SigningProfile(String name, Set<String> clients, Set<String> jwtClients, Set<String> scopes,
			Map<String, String> forced, UploadPolicy policy, List<String> resourceTypes, Duration validity,
			boolean explain, String account, Map<String, ProfileProperties.Rule> allowedRules, long chunkSize,
			Duration sessionValidity, FileRules fileRules) {
		this(name, clients, jwtClients, scopes, forced, policy, resourceTypes, validity, explain, account, allowedRules,
				chunkSize, sessionValidity, fileRules,
				new AssetRules(fileRules.maxBytes(), fileRules.formats(), null, null, null, null), false);
	}

	SigningProfile(String name, Set<String> clients, Set<String> jwtClients, Set<String> scopes,
			Map<String, String> forced, UploadPolicy policy, List<String> resourceTypes, Duration validity,
			boolean explain, String account, Map<String, ProfileProperties.Rule> allowedRules, long chunkSize,
			Duration sessionValidity, FileRules fileRules, AssetRules assetRules, boolean notify) {
		this.assetRules = assetRules;
		this.notify = notify;
		this.chunkSize = chunkSize;
		this.sessionValidity = sessionValidity;
		this.fileRules = fileRules;
		this.name = name;
		this.callers = AllowedCallers.of(clients, jwtClients);
		this.scopes = Set.copyOf(scopes);
		this.forced = Map.copyOf(forced);
		this.policy = policy;
		this.resourceTypes = List.copyOf(resourceTypes);
		this.validity = validity;
		this.explain = explain;
		this.account = account;
		this.allowedRules = Map.copyOf(allowedRules);
		Map<String, ParameterRule> rules = new LinkedHashMap<>();
		this.forced.keySet().forEach((param) -> rules.put(param, ParameterRule.forForced(param)));
		this.forcedRules = Map.copyOf(rules);
	}

	/**
	 * The allowed parameters and their configured rules.
	 * @return names and rules
	 */
	public Map<String, ProfileProperties.Rule> allowedRules() {
		return this.allowedRules;
	}

	@Override
	public String name() {
		return this.name;
	}

	/**
	 * The bytes per part an upload session tells clients to use.
	 * @return the part size
	 */
	public long chunkSize() {
		return this.chunkSize;
	}

	/**
	 * How long an upload session's parts can be re-signed.
	 * @return the session's validity
	 */
	public Duration sessionValidity() {
		return this.sessionValidity;
	}

	/**
	 * The rules for the file itself.
	 * @return size and formats
	 */
	public FileRules fileRules() {
		return this.fileRules;
	}

	/**
	 * The rules checked on the asset that arrives (and the caller's daily byte quota), as
	 * the upload records keep them.
	 * @return size, formats, dimensions, duration and quota
	 */
	public AssetRules assetRules() {
		return this.assetRules;
	}

	/**
	 * Whether Signet signs {@code notification_url} pointing at its own receiver for
	 * uploads through this profile.
	 * @return true when the profile has {@code notify: true}
	 */
	public boolean notifies() {
		return this.notify;
	}

	public UploadPolicy policy() {
		return this.policy;
	}

	public List<String> resourceTypes() {
		return this.resourceTypes;
	}

	public Duration validity() {
		return this.validity;
	}

	public boolean explainAllowed() {
		return this.explain;
	}

	public String account() {
		return this.account;
	}

	/**
	 * Whether every upload signed with this profile gets a public id of its own: the
	 * forced {@code public_id} contains {@code {uuid}}, so the upload can be tied to its
	 * record by the public id Cloudinary answers.
	 * @return whether the public id is unique
	 */
	public boolean forcesUniquePublicId() {
		String template = this.forced.get("public_id");
		return template != null && template.contains("{uuid}");
	}

	/**
	 * The forced parameters as configured, templates unresolved.
	 * @return names and templates
	 */
	public Map<String, String> forcedTemplates() {
		return this.forced;
	}

	/**
	 * Whether a caller may use this profile.
	 * @param caller the caller
	 * @return true when allowed
	 */
	@Override
	public boolean permits(Caller caller) {
		return this.callers.permits(caller) && (caller.apiKey() || caller.scopes().containsAll(this.scopes));
	}

	/**
	 * The callers this profile names.
	 * @return the allowed callers
	 */
	@Override
	public AllowedCallers callers() {
		return this.callers;
	}

	/**
	 * Resolves the forced values for a caller; {@code {uuid}} becomes a fresh UUID. Every
	 * placeholder's value must be one name, and every resolved value must pass the rule
	 * of its parameter's kind under the account's signature version.
	 * @param caller the caller
	 * @param signatureVersion the signature version of the profile's account
	 * @return names and values
	 * @throws Refusal 403 {@code profile-forbidden} naming the parameter when a value is
	 * refused
	 */
	public Map<String, String> resolveForced(Caller caller, int signatureVersion) {
		Map<String, String> resolved = new LinkedHashMap<>();
		this.forced.forEach((param, template) -> resolved.put(param,
				checked(param, resolve(param, template, caller, null), caller, signatureVersion)));
		return resolved;
	}

	/**
	 * Resolves the forced values for display: {@code {uuid}} stays a placeholder. The
	 * values are checked like {@link #resolveForced}.
	 * @param caller the caller
	 * @param signatureVersion the signature version of the profile's account
	 * @return names and values
	 * @throws Refusal 403 {@code profile-forbidden} naming the parameter when a value is
	 * refused
	 */
	public Map<String, String> describeForced(Caller caller, int signatureVersion) {
		Map<String, String> resolved = new LinkedHashMap<>();
		this.forced.forEach((param, template) -> {
			checked(param, resolve(param, template, caller, null), caller, signatureVersion);
			resolved.put(param, resolve(param, template, caller, "{uuid}"));
		});
		return resolved;
	}

	private String checked(String param, String value, Caller caller, int signatureVersion) {
		String problem = this.forcedRules.get(param).check(ParamValue.of(value), signatureVersion);
		if (problem != null) {
			throw refused(param,
					"its value is refused: " + problem + "; fix signet.profiles." + this.name + ".forced." + param);
		}
		return value;
	}

	private Refusal refused(String param, String reason) {
		return new Refusal(Reason.PROFILE_FORBIDDEN,
				"The profile '" + this.name + "' cannot be applied to this caller: " + param + " (" + reason + ").",
				List.of(new ParameterProblem(param, ParameterProblem.INVALID_VALUE, reason)), Map.of());
	}

	/**
	 * Whether a value the widget sends matches a forced template for this caller: every
	 * placeholder is resolved except {@code {uuid}}, which matches any UUID, and
	 * {@code {date}}, which matches today or yesterday (UTC).
	 * @param param the parameter
	 * @param value the value sent
	 * @param caller the caller
	 * @return true when it matches
	 */
	public boolean matchesForced(String param, String value, Caller caller) {
		String template = this.forced.get(param);
		StringBuilder regex = new StringBuilder();
		Matcher matcher = PLACEHOLDER.matcher(template);
		int last = 0;
		while (matcher.find()) {
			regex.append(Pattern.quote(template.substring(last, matcher.start())));
			switch (matcher.group(1)) {
				case "uuid" -> regex.append("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
				case "date" -> regex.append("(?:")
					.append(Pattern.quote(today().toString()))
					.append('|')
					.append(Pattern.quote(today().minusDays(1).toString()))
					.append(')');
				default -> regex.append(Pattern.quote(placeholder(param, matcher.group(1), caller)));
			}
			last = matcher.end();
		}
		regex.append(Pattern.quote(template.substring(last)));
		return Pattern.compile(regex.toString()).matcher(value).matches();
	}

	private String resolve(String param, String template, Caller caller, @Nullable String uuid) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String value = matcher.group(1).equals("uuid") ? ((uuid != null) ? uuid : UUID.randomUUID().toString())
					: placeholder(param, matcher.group(1), caller);
			matcher.appendReplacement(out, Matcher.quoteReplacement(value));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	private String placeholder(String param, String name, Caller caller) {
		String value = switch (name) {
			case "sub" -> {
				if (!SAFE_SUBJECT.matcher(caller.subject()).matches()) {
					throw refused(param, "the caller's subject has characters unfit for a parameter value "
							+ "(1 to 128 letters, digits or . _ @ -); use {ns} instead of {sub}");
				}
				yield caller.subject();
			}
			case "ns" -> caller.namespace();
			case "client" -> caller.client();
			case "date" -> today().toString();
			default -> throw new IllegalStateException(name);
		};
		String problem = PLACEHOLDER_VALUE.check(ParamValue.of(value), 2);
		if (problem != null) {
			throw refused(param, "the value of {" + name + "} must be one name: " + problem + "; use {ns} instead of {"
					+ name + "}");
		}
		return value;
	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	/**
	 * Checks that a template uses only known placeholders.
	 * @param template the template
	 * @return the unknown placeholder, or {@code null}
	 */
	static @Nullable String unknownPlaceholder(String template) {
		Matcher braces = Pattern.compile("\\{[^}]*\\}").matcher(template);
		while (braces.find()) {
			if (!PLACEHOLDER.matcher(braces.group()).matches()) {
				return braces.group();
			}
		}
		return null;
	}

}
