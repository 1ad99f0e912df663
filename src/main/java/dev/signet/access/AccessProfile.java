package dev.signet.access;

/**
 * A profile of any kind (signing, delivery, upload sessions): a name and the callers that
 * may use it.
 *
 * @author Signet developers
 */
public interface AccessProfile {

	/**
	 * The profile's name, as configured.
	 * @return the name
	 */
	String name();

	/**
	 * The callers the profile names.
	 * @return the allowed callers, never empty
	 */
	AllowedCallers callers();

	/**
	 * Whether a caller may use this profile: named by the list of its kind, and holding
	 * what else the profile requires (such as JWT scopes).
	 * @param caller the caller
	 * @return true when allowed
	 */
	default boolean permits(Caller caller) {
		return callers().permits(caller);
	}

}
