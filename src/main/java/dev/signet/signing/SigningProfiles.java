package dev.signet.signing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.access.AllowedCallers;
import dev.signet.access.Caller;
import dev.signet.access.ProfileCatalog;
import dev.signet.assets.AssetRules;
import dev.signet.ratelimit.RateLimitProperties;
import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The configured signing profiles, compiled and checked at startup: an invalid profile
 * stops Signet with a message naming the profile and the rule.
 *
 * @author Signet developers
 */
public final class SigningProfiles extends ProfileCatalog<SigningProfile> {

	private static final Pattern PARAM = Pattern.compile("[a-z_]{1,64}");

	private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw", "auto");

	/** Upload parameters with '_', to spot names whose '_' Spring's binder dropped. */
	private static final List<String> UNDERSCORED = List.of("public_id", "asset_folder", "use_filename",
			"unique_filename", "filename_override", "display_name", "upload_preset", "allowed_formats",
			"custom_coordinates", "face_coordinates", "discard_original_filename", "notification_url",
			"eager_notification_url", "access_mode", "access_control", "responsive_breakpoints", "eager_async",
			"return_delete_token", "public_id_prefix", "use_asset_folder_as_public_id_prefix", "auto_tagging",
			"background_removal", "raw_convert", "quality_analysis", "accessibility_analysis", "cinemagraph_analysis",
			"visual_search", "auto_transcription", "auto_chaptering", "on_success", "image_metadata", "media_metadata",
			"regions", "phash", "colors", "faces", "quality_override", "moderation");

	/**
	 * Names of the rate-limit buckets of endpoints that do not sign uploads, which no
	 * signing profile may take.
	 */
	private static final List<String> RESERVED = List.of(RateLimitProperties.DELIVERY, RateLimitProperties.VERIFICATION,
			RateLimitProperties.DIAGNOSTICS, RateLimitProperties.RESIGNING, RateLimitProperties.OPERATOR);

	private SigningProfiles(Map<String, SigningProfile> profiles) {
		super("signing", "signet.profiles", profiles);
	}

	@Override
	protected String forbidden(Caller caller, String requested) {
		return "The client '" + caller.client() + "' may not use the profile '" + requested
				+ "' (or lacks a scope it requires).";
	}

	/**
	 * Compiles the configured profiles.
	 * @param properties the configuration
	 * @param refusalReasons reasons given when a parameter outside a profile's allow-list
	 * is sent
	 * @return the profiles
	 * @throws InvalidSettingException naming the profile and the broken rule
	 */
	public static SigningProfiles compile(ProfileProperties properties, Map<String, String> refusalReasons) {
		return compile(properties, refusalReasons, Set.of(DEFAULT));
	}

	/**
	 * Compiles the configured profiles against the configured accounts.
	 * @param properties the configuration
	 * @param refusalReasons reasons given when a parameter outside a profile's allow-list
	 * is sent
	 * @param accounts the names of the configured Cloudinary accounts
	 * @return the profiles
	 * @throws InvalidSettingException naming the profile and the broken rule
	 */
	public static SigningProfiles compile(ProfileProperties properties, Map<String, String> refusalReasons,
			Set<String> accounts) {
		return compile(properties, refusalReasons, accounts, null);
	}

	/**
	 * Compiles the configured profiles against the configured accounts and Signet's
	 * public receiver URL.
	 * @param properties the configuration
	 * @param refusalReasons reasons given when a parameter outside a profile's allow-list
	 * is sent
	 * @param accounts the names of the configured Cloudinary accounts
	 * @param receiverUrl the URL Cloudinary posts notifications to
	 * ({@code signet.public-url} + receiver path), or {@code null} when unset
	 * @return the profiles
	 * @throws InvalidSettingException naming the profile and the broken rule
	 */
	public static SigningProfiles compile(ProfileProperties properties, Map<String, String> refusalReasons,
			Set<String> accounts, @Nullable String receiverUrl) {
		Map<String, SigningProfile> profiles = new LinkedHashMap<>();
		properties.profiles()
			.forEach((name, profile) -> profiles.put(name,
					compile(name, profile, refusalReasons, accounts, receiverUrl)));
		if (profiles.isEmpty()) {
			throw new InvalidSettingException("signet.profiles", "no profile is configured");
		}
		return new SigningProfiles(profiles);
	}

	private static SigningProfile compile(String name, ProfileProperties.Profile profile,
			Map<String, String> refusalReasons, Set<String> accounts, @Nullable String receiverUrl) {
		String setting = "signet.profiles." + name;
		if (RESERVED.contains(name)) {
			throw new InvalidSettingException(setting, "the name is reserved for the rate limits of the "
					+ String.join(", ", RESERVED) + " endpoints; choose another profile name");
		}
		AllowedCallers.required(setting, profile.clients(), profile.jwtClients());
		Map<String, String> forced = new LinkedHashMap<>();
		profile.forced().forEach((key, template) -> {
			String param = parameterName(setting + ".forced", key);
			if (template == null || template.isEmpty()) {
				throw new InvalidSettingException(setting + ".forced." + param, "the forced value is empty");
			}
			String unknown = SigningProfile.unknownPlaceholder(template);
			if (unknown != null) {
				throw new InvalidSettingException(setting + ".forced." + param,
						"unknown placeholder " + unknown + "; use {sub}, {ns}, {client}, {uuid} or {date}");
			}
			forced.put(param, template);
		});
		Map<String, ParameterRule> allowed = new LinkedHashMap<>();
		Map<String, ProfileProperties.Rule> rules = new LinkedHashMap<>();
		profile.allowed().forEach((key, rule) -> {
			String param = parameterName(setting + ".allowed", key);
			if (forced.containsKey(param)) {
				throw new InvalidSettingException(setting + ".allowed." + param,
						"it is also forced; a parameter is either forced or allowed");
			}
			try {
				allowed.put(param, ParameterRule.of(rule));
				rules.put(param, rule);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSettingException(setting + ".allowed." + param, ex.getMessage());
			}
		});
		if (profile.resourceTypes().isEmpty() || !RESOURCE_TYPES.containsAll(profile.resourceTypes())) {
			throw new InvalidSettingException(setting + ".resource-types",
					"list one or more of image, video, raw, auto");
		}
		Duration validity = profile.validity();
		if (validity.compareTo(Duration.ofSeconds(60)) < 0 || validity.compareTo(Duration.ofHours(1)) > 0) {
			throw new InvalidSettingException(setting + ".validity",
					"must be between 1m and 1h (Cloudinary accepts a signature for one hour)");
		}
		if (!accounts.contains(profile.account())) {
			throw new InvalidSettingException(setting + ".account", "no Cloudinary account is named '"
					+ profile.account() + "'; configured: " + String.join(", ", accounts.stream().sorted().toList()));
		}
		long chunkSize = profile.chunkSize().toBytes();
		if (chunkSize < SigningProfile.MIN_CHUNK_SIZE || chunkSize > SigningProfile.MAX_CHUNK_SIZE) {
			throw new InvalidSettingException(setting + ".chunk-size", "must be between "
					+ SigningProfile.MIN_CHUNK_SIZE + "B (5 MiB) and 100MB: Cloudinary takes parts of that size");
		}
		Duration sessionValidity = profile.sessionValidity();
		if (sessionValidity.compareTo(validity) < 0
				|| sessionValidity.compareTo(SigningProfile.MAX_SESSION_VALIDITY) > 0) {
			throw new InvalidSettingException(setting + ".session-validity",
					"must be between the profile's validity and 7d");
		}
		Long maxBytes = null;
		if (profile.maxBytes() != null) {
			maxBytes = profile.maxBytes().toBytes();
			if (maxBytes < 1) {
				throw new InvalidSettingException(setting + ".max-bytes", "must be at least 1B");
			}
		}
		for (String format : profile.formats()) {
			if (format == null || !FileRules.isFormatName(format)) {
				throw new InvalidSettingException(setting + ".formats",
						"list Cloudinary format names: lowercase letters and digits, such as jpg, png or mp4");
			}
		}
		AssetRules assetRules = assetRules(setting, profile, maxBytes);
		if (profile.notifies() && receiverUrl == null) {
			throw new InvalidSettingException(setting + ".notify",
					"notify: true needs signet.public-url, the address at which Cloudinary reaches this Signet");
		}
		if (profile.notifies() && (forced.containsKey("notification_url") || allowed.containsKey("notification_url"))) {
			throw new InvalidSettingException(setting + ".notify",
					"notify: true signs notification_url itself; remove notification_url from forced and allowed");
		}
		return new SigningProfile(name, new LinkedHashSet<>(profile.clients()),
				new LinkedHashSet<>(profile.jwtClients()), new LinkedHashSet<>(profile.scopes()), forced,
				new UploadPolicy(allowed, refusalReasons), profile.resourceTypes(), validity, profile.explain(),
				profile.account(), rules, chunkSize, sessionValidity,
				new FileRules(maxBytes, new LinkedHashSet<>(profile.formats())), assetRules, profile.notifies());
	}

	private static AssetRules assetRules(String setting, ProfileProperties.Profile profile, @Nullable Long maxBytes) {
		Integer maxWidth = profile.maxWidth();
		if (maxWidth != null && maxWidth < 1) {
			throw new InvalidSettingException(setting + ".max-width", "must be a positive number of pixels");
		}
		Integer maxHeight = profile.maxHeight();
		if (maxHeight != null && maxHeight < 1) {
			throw new InvalidSettingException(setting + ".max-height", "must be a positive number of pixels");
		}
		Double maxDuration = null;
		if (profile.maxDuration() != null) {
			if (profile.maxDuration().isNegative() || profile.maxDuration().isZero()) {
				throw new InvalidSettingException(setting + ".max-duration", "must be longer than zero, such as 30s");
			}
			maxDuration = profile.maxDuration().toMillis() / 1000.0;
		}
		Long maxBytesPerDay = null;
		if (profile.maxBytesPerDay() != null) {
			maxBytesPerDay = profile.maxBytesPerDay().toBytes();
			if (maxBytesPerDay < 1) {
				throw new InvalidSettingException(setting + ".max-bytes-per-day", "must be at least 1B");
			}
		}
		return new AssetRules(maxBytes, new LinkedHashSet<>(profile.formats()), maxWidth, maxHeight, maxDuration,
				maxBytesPerDay);
	}

	private static String parameterName(String setting, String key) {
		String param = key.replace('-', '_');
		if (param.startsWith("[") && param.endsWith("]")) {
			param = param.substring(1, param.length() - 1);
		}
		for (String underscored : UNDERSCORED) {
			if (param.equals(underscored.replace("_", ""))) {
				throw new InvalidSettingException(setting + "." + param, "write it as " + underscored.replace('_', '-')
						+ " or \"[" + underscored + "]\": Spring drops '_' from plain map keys");
			}
		}
		if (!PARAM.matcher(param).matches()) {
			throw new InvalidSettingException(setting, "parameter names are lowercase letters and '_' (got '"
					+ dev.signet.refusal.ParameterProblem.printable(param) + "')");
		}
		String never = UploadPolicy.neverSignedReason(param);
		if (never != null || param.equals("timestamp")) {
			throw new InvalidSettingException(setting + "." + param,
					"it can never be signed: " + ((never != null) ? never : "Signet stamps the timestamp itself"));
		}
		return param;
	}

}
