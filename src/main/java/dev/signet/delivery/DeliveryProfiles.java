package dev.signet.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.security.AllowedCallers;
import dev.signet.security.Caller;
import dev.signet.system.InvalidSettingException;
import dev.signet.system.ProblemException;
import dev.signet.system.ProblemType;
import org.jspecify.annotations.Nullable;

/**
 * Picks the delivery profile of a request and checks that the caller may use it. Plain
 * Java.
 *
 * @author Signet developers
 */
final class DeliveryProfiles {

	private static final Set<String> TYPES = Set.of("upload", "authenticated", "private", "fetch");

	private static final Set<String> RESOURCE_TYPES = Set.of("image", "video", "raw");

	private final Map<String, Profile> profiles;

	DeliveryProfiles(Map<String, DeliveryProperties.Profile> configured, CloudinaryAccounts accounts) {
		Map<String, Profile> profiles = new LinkedHashMap<>();
		configured.forEach((name, profile) -> profiles.put(name, compile(name, profile, accounts)));
		this.profiles = Map.copyOf(profiles);
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
		return new Profile(name, profile, AllowedCallers.of(profile.clients(), profile.jwtClients()), pattern);
	}

	/**
	 * The profile a caller asks for, or the only one it may use.
	 * @param requested the profile named in the request, or {@code null}
	 * @param caller the caller
	 * @return the profile
	 * @throws ProblemException 403 when the caller may not use it, 400 when it must name
	 * one
	 */
	Profile select(@Nullable String requested, Caller caller) {
		if (requested != null) {
			Profile profile = this.profiles.get(requested);
			if (profile == null || !profile.allows(caller)) {
				throw new ProblemException(403, ProblemType.PROFILE_FORBIDDEN,
						"No delivery profile of this name is open to this caller.");
			}
			return profile;
		}
		List<Profile> allowed = this.profiles.values().stream().filter((p) -> p.allows(caller)).toList();
		if (allowed.isEmpty()) {
			throw new ProblemException(403, ProblemType.PROFILE_FORBIDDEN,
					"No delivery profile is open to this caller: an operator must configure "
							+ "signet.delivery.profiles.<name> first.");
		}
		if (allowed.size() > 1) {
			throw new ProblemException(400, ProblemType.INVALID_REQUEST,
					"Several delivery profiles are open to this caller; name one in the profile field.");
		}
		return allowed.get(0);
	}

	/**
	 * A compiled profile.
	 *
	 * @param name its name
	 * @param settings its settings
	 * @param callers who may use it (everyone when nobody is named)
	 * @param publicIdPattern its compiled pattern, or {@code null}
	 */
	record Profile(String name, DeliveryProperties.Profile settings, AllowedCallers callers,
			@Nullable Pattern publicIdPattern) {

		boolean allows(Caller caller) {
			return this.callers.isEmpty() || this.callers.permits(caller);
		}

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
