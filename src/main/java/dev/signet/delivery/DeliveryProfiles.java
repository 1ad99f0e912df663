package dev.signet.delivery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signet.access.AccessProfile;
import dev.signet.access.AllowedCallers;
import dev.signet.access.ProfileCatalog;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The delivery profiles, compiled and checked at startup, selected and matched like every
 * other kind of profile ({@link ProfileCatalog}). Plain Java.
 *
 * @author Signet developers
 */
final class DeliveryProfiles extends ProfileCatalog<DeliveryProfiles.Profile> {

	private static final Set<String> TYPES = Set.of("upload", "authenticated", "private", "fetch");

	private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");

	DeliveryProfiles(Map<String, DeliveryProperties.Profile> configured, CloudinaryAccounts accounts) {
		super("delivery", "signet.delivery.profiles", compileAll(configured, accounts));
	}

	private static Map<String, Profile> compileAll(Map<String, DeliveryProperties.Profile> configured,
			CloudinaryAccounts accounts) {
		Map<String, Profile> profiles = new LinkedHashMap<>();
		configured.forEach((name, profile) -> profiles.put(name, compile(name, profile, accounts)));
		return profiles;
	}

	private static Profile compile(String name, DeliveryProperties.Profile profile, CloudinaryAccounts accounts) {
		String prefix = "signet.delivery.profiles." + name;
		if (!accounts.names().contains(profile.account())) {
			throw new InvalidSettingException(prefix + ".account",
					"no Cloudinary account is named '" + profile.account() + "'");
		}
		if (!TYPES.containsAll(profile.types())) {
			throw new InvalidSettingException(prefix + ".types",
					"accepted types are upload, authenticated, private " + "and fetch");
		}
		if (!RESOURCE_TYPES.containsAll(profile.resourceTypes())) {
			throw new InvalidSettingException(prefix + ".resource-types",
					"accepted resource types are image, video and raw");
		}
		for (String path : profile.tokenPaths()) {
			if (!path.startsWith("/")) {
				throw new InvalidSettingException(prefix + ".token-paths", "every path must start with '/'");
			}
		}
		Pattern pattern = null;
		if (profile.publicIdPattern() != null) {
			try {
				pattern = Pattern.compile(profile.publicIdPattern());
			}
			catch (PatternSyntaxException ex) {
				throw new InvalidSettingException(prefix + ".public-id-pattern", "it is not a regular expression");
			}
		}
		return new Profile(name, profile, AllowedCallers.required(prefix, profile.clients(), profile.jwtClients()),
				pattern);
	}

	/**
	 * A compiled profile.
	 *
	 * @param name its name
	 * @param settings its settings
	 * @param callers who may use it
	 * @param publicIdPattern its compiled pattern, or {@code null}
	 */
	record Profile(String name, DeliveryProperties.Profile settings, AllowedCallers callers,
			@Nullable Pattern publicIdPattern) implements AccessProfile {

		boolean allowsPublicId(String publicId) {
			return this.publicIdPattern == null || this.publicIdPattern.matcher(publicId).matches();
		}

		boolean allowsTransformation(String transformation) {
			return transformation.isEmpty() || this.settings.anyTransformation()
					|| this.settings.transformations().contains(transformation);
		}

		boolean allowsTokenPath(String path) {
			return this.settings.tokenPaths().stream().anyMatch(path::startsWith);
		}

	}

}
