package dev.signet.access;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.signet.refusal.ParameterProblem;
import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.jspecify.annotations.Nullable;

/**
 * The profiles of one kind and the one selection rule all kinds share: a request that
 * names a profile gets it when it exists and the caller may use it; a request that names
 * none gets {@code default} when the caller may use it, else the caller's only profile.
 * Every profile names its callers ({@code clients}, {@code jwt-clients}, {@code *} for
 * all of a kind); one that names nobody is refused at startup, whatever its kind.
 *
 * @param <P> the profile type
 * @author Signet developers
 */
public class ProfileCatalog<P extends AccessProfile> {

	/** The profile a request that names none uses when its caller may. */
	public static final String DEFAULT = "default";

	private final String kind;

	private final String setting;

	private final Map<String, P> profiles;

	private final Set<String> jwtClientNames;

	/**
	 * A catalog.
	 * @param kind what the profiles are for, in words ({@code signing}, {@code delivery})
	 * @param setting the settings prefix they are configured under
	 * @param profiles the profiles by name
	 */
	public ProfileCatalog(String kind, String setting, Map<String, P> profiles) {
		this.kind = kind;
		this.setting = setting;
		this.profiles = new LinkedHashMap<>(profiles);
		Set<String> names = new LinkedHashSet<>();
		this.profiles.values().forEach((p) -> names.addAll(p.callers().jwtClientNames()));
		this.jwtClientNames = Set.copyOf(names);
	}

	/**
	 * The profile a request uses.
	 * @param requested the profile the request names, or {@code null}
	 * @param caller the caller
	 * @return the profile
	 * @throws Refusal {@code unknown-profile} when there is no such profile,
	 * {@code profile-forbidden} when the caller may not use it or may use none,
	 * {@code invalid-request} when the caller may use several and named none
	 */
	public P select(@Nullable String requested, Caller caller) {
		if (requested != null) {
			P profile = this.profiles.get(requested);
			if (profile == null) {
				throw new Refusal(Reason.UNKNOWN_PROFILE,
						"There is no " + this.kind + " profile named '" + ParameterProblem.printable(requested)
								+ "'. Use a profile configured under " + this.setting + ".");
			}
			if (!profile.permits(caller)) {
				throw new Refusal(Reason.PROFILE_FORBIDDEN, forbidden(caller, requested));
			}
			return profile;
		}
		P fallback = this.profiles.get(DEFAULT);
		if (fallback != null && fallback.permits(caller)) {
			return fallback;
		}
		List<String> permitted = permitted(caller);
		if (permitted.size() == 1) {
			return this.profiles.get(permitted.get(0));
		}
		if (permitted.isEmpty()) {
			throw new Refusal(Reason.PROFILE_FORBIDDEN,
					"The client '" + caller.client() + "' may use no " + this.kind
							+ " profile: an operator must name it "
							+ "in the clients or jwt-clients of a profile under " + this.setting + " first.");
		}
		throw new Refusal(Reason.INVALID_REQUEST,
				"Name the profile to use with \"profile\": this caller may use " + String.join(", ", permitted) + ".");
	}

	/**
	 * Why a caller may not use a profile it named.
	 * @param caller the caller
	 * @param requested the profile's name
	 * @return the detail of the refusal
	 */
	protected String forbidden(Caller caller, String requested) {
		return "The client '" + caller.client() + "' may not use the profile '" + requested + "'.";
	}

	/**
	 * The names of the profiles a caller may use, sorted.
	 * @param caller the caller
	 * @return the names
	 */
	public List<String> permitted(Caller caller) {
		return this.profiles.values()
			.stream()
			.filter((p) -> p.permits(caller))
			.map(AccessProfile::name)
			.sorted()
			.toList();
	}

	/**
	 * A profile by name, without checking the caller.
	 * @param name the name
	 * @return the profile, or {@code null}
	 */
	public @Nullable P get(String name) {
		return this.profiles.get(name);
	}

	/**
	 * All profiles by name, in configuration order.
	 * @return the profiles
	 */
	public Map<String, P> all() {
		return new LinkedHashMap<>(this.profiles);
	}

	/**
	 * The JWT clients some profile of this kind names explicitly: the only JWT clients
	 * that appear as metric labels of this kind's endpoints.
	 * @return the names
	 */
	public Set<String> jwtClientNames() {
		return this.jwtClientNames;
	}

}
