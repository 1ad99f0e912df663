package dev.signet.signing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signet.cloudinary.UploadParameters;
import dev.signet.refusal.ParameterProblem;
import org.jspecify.annotations.Nullable;

/**
 * Decides which upload parameters may be signed and with which values: an allow-list of
 * parameters, each with a {@link ParameterRule}, plus the reasons for refusing well-known
 * dangerous ones. Each signing profile compiles into one; the built-in {@code default}
 * profile is configured in {@code signet-default-profile.yml}.
 *
 * @author Signet developers
 */
public final class UploadPolicy {

	private static final String OVERWRITE = "overwrite";

	private static final Map<String, String> NEVER_SIGNED = neverSigned();

	private final Map<String, ParameterRule> allowed;

	private final Map<String, String> refused;

	/**
	 * Creates a policy.
	 * @param allowed the parameters a client may send, with their rules
	 * @param refused parameters refused with a specific reason (on top of those
	 * Cloudinary never signs)
	 */
	public UploadPolicy(Map<String, ParameterRule> allowed, Map<String, String> refused) {
		this.allowed = Map.copyOf(allowed);
		Map<String, String> reasons = new LinkedHashMap<>(refused);
		reasons.putAll(NEVER_SIGNED);
		this.refused = Collections.unmodifiableMap(reasons);
	}

	/**
	 * Reasons for refusing well-known dangerous parameters that a profile does not allow:
	 * they run code, call out, cost money, change visibility or overwrite.
	 * @return parameter names and reasons
	 */
	public static Map<String, String> dangerReasons() {
		Map<String, String> refused = new LinkedHashMap<>();
		String code = "runs code at Cloudinary";
		List.of("eval", "on_success").forEach((name) -> refused.put(name, code));
		String callsOut = "makes Cloudinary call or redirect to a URL of the client's choosing";
		List.of("notification_url", "eager_notification_url", "callback", "proxy")
			.forEach((name) -> refused.put(name, callsOut));
		refused.put("headers", "adds HTTP headers to delivered assets");
		refused.put("invalidate", "flushes CDN caches of existing assets");
		String visibility = "changes who can see the asset";
		List.of("type", "access_mode", "access_control").forEach((name) -> refused.put(name, visibility));
		String costs = "costs money (transformations, add-ons or storage)";
		List.of("eager", "eager_async", "transformation", "responsive_breakpoints", "ocr", "categorization",
				"detection", "auto_tagging", "background_removal", "moderation", "raw_convert", "quality_analysis",
				"accessibility_analysis", "cinemagraph_analysis", "visual_search", "auto_transcription",
				"auto_chaptering", "backup")
			.forEach((name) -> refused.put(name, costs));
		refused.put("return_delete_token", "returns a token that deletes the asset");
		return refused;
	}

	/**
	 * The names refused whatever the profile: those Cloudinary never signs
	 * ({@link UploadParameters#NEVER_SIGNED}, each with advice on where it goes instead),
	 * then Signet's own refusals.
	 * @return the refused names, each with its reason
	 */
	private static Map<String, String> neverSigned() {
		Map<String, String> reasons = new LinkedHashMap<>();
		for (String name : UploadParameters.NEVER_SIGNED) {
			reasons.put(name, cloudinaryReason(name));
		}
		reasons.put("api_secret", "the API secret must never leave Signet");
		reasons.put("signature_algorithm", "the algorithm is Signet's configuration, not an upload parameter");
		reasons.put("signature_version", "the signature version is Signet's configuration, not an upload parameter");
		reasons.put("unsigned", "is not an upload parameter of signed uploads");
		reasons.put("version", "is not an upload parameter; signed with public_id it would make an upload "
				+ "signature read as Cloudinary's signature of an API response");
		return Collections.unmodifiableMap(reasons);
	}

	/**
	 * Why Cloudinary leaves a parameter out, and where it goes instead.
	 * @param name the parameter name
	 * @return the reason and where the parameter goes instead
	 */
	private static String cloudinaryReason(String name) {
		return switch (name) {
			case "file" -> "the file is never signed: post it to upload_url beside the signed parameters";
			case "api_key" -> "Cloudinary does not sign api_key: Signet returns it in the response";
			case "signature" -> "the signature is what Signet returns, not a parameter";
			case "cloud_name" -> "Cloudinary does not sign cloud_name: it is part of upload_url";
			case "resource_type" ->
				"Cloudinary does not sign resource_type: give it as the top-level resource_type field";
			default -> "Cloudinary does not sign " + name;
		};
	}

	/**
	 * Checks client parameters and returns what must be signed and posted.
	 * @param params the client's parameters, without {@code timestamp} and without the
	 * profile's forced parameters
	 * @param forced the profile's forced parameters with their values
	 * @param mode whether Signet may add parameters (stamped) or must find them (widget)
	 * @param signatureVersion the account's signature version
	 * @param problems where refusals are added
	 * @return the parameters to sign, server-added ones included, as posted strings
	 */
	public Map<String, String> apply(Map<String, ParamValue> params, Map<String, String> forced, Mode mode,
			int signatureVersion, List<ParameterProblem> problems) {
		Map<String, String> result = new LinkedHashMap<>();
		for (Map.Entry<String, ParamValue> entry : params.entrySet()) {
			String name = entry.getKey();
			String reason = this.refused.get(name);
			if (reason != null) {
				problems.add(new ParameterProblem(name, ParameterProblem.NOT_ALLOWED, "never signed: " + reason));
				continue;
			}
			ParameterRule rule = this.allowed.get(name);
			if (rule == null) {
				problems.add(new ParameterProblem(name, ParameterProblem.NOT_ALLOWED,
						"not in the allow-list of the signing policy"));
				continue;
			}
			String problem = rule.check(entry.getValue(), signatureVersion);
			if (problem == null && signatureVersion < 2 && entry.getValue().posted().indexOf('&') >= 0) {
				// Whatever the rule: under version 1 a '&' in a value reads as the start
				// of
				// another parameter in the string to sign.
				problem = "'&' could smuggle extra parameters under signature version 1; "
						+ "remove it or configure signature_version=2";
			}
			if (problem != null) {
				problems.add(new ParameterProblem(name, ParameterProblem.INVALID_VALUE, problem));
				continue;
			}
			result.put(name, entry.getValue().posted());
		}
		if (clientChoosesPublicId(params, forced) && !params.containsKey(OVERWRITE) && !forced.containsKey(OVERWRITE)) {
			if (mode == Mode.STAMPED) {
				result.put(OVERWRITE, "false");
			}
			else {
				problems.add(new ParameterProblem(OVERWRITE, ParameterProblem.MISSING,
						"the client chooses the public ID and Cloudinary overwrites by default on signed uploads: "
								+ "add overwrite: false to the widget options"));
			}
		}
		return result;
	}

	/**
	 * Why Cloudinary or Signet never signs a parameter.
	 * @param name the parameter
	 * @return the reason, or {@code null} for parameters that may be signed
	 */
	public static @Nullable String neverSignedReason(String name) {
		return NEVER_SIGNED.get(name);
	}

	/**
	 * The parameters this policy allows.
	 * @return their names
	 */
	public Set<String> allowedNames() {
		return this.allowed.keySet();
	}

	/**
	 * The parameters refused with a specific reason.
	 * @return names and reasons
	 */
	public Map<String, String> refusedReasons() {
		return this.refused;
	}

	/**
	 * Whether the client chooses the public ID: it sends one, or the upload uses the
	 * file's name without a random suffix ({@code use_filename} true and
	 * {@code unique_filename} false, each sent by the client or forced by the profile).
	 * @param params the parameters the client sends
	 * @param forced the parameters the profile forces
	 * @return whether the client chooses the public ID
	 */
	private static boolean clientChoosesPublicId(Map<String, ParamValue> params, Map<String, String> forced) {
		if (params.containsKey("public_id")) {
			return true;
		}
		String useFilename = effective("use_filename", params, forced);
		String uniqueFilename = effective("unique_filename", params, forced);
		return useFilename != null && isTrue(useFilename) && uniqueFilename != null && !isTrue(uniqueFilename);
	}

	private static @Nullable String effective(String name, Map<String, ParamValue> params, Map<String, String> forced) {
		String value = forced.get(name);
		if (value != null) {
			return value;
		}
		ParamValue sent = params.get(name);
		return (sent != null) ? sent.posted() : null;
	}

	private static boolean isTrue(String value) {
		return value.equals("true") || value.equals("1");
	}

	/**
	 * How parameters reach Signet.
	 */
	public enum Mode {

		/** Signet stamps the timestamp and may add parameters the client then posts. */
		STAMPED,

		/** The widget posts its own parameters: Signet signs them as given or refuses. */
		WIDGET

	}

}
