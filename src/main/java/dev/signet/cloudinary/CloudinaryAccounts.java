package dev.signet.cloudinary;

import java.util.Set;

/**
 * The configured Cloudinary accounts as they are now: keys can change at run time (a
 * rotated secret file), so callers ask for the account on every request and never keep
 * it.
 *
 * @author Signet developers
 */
public interface CloudinaryAccounts {

	/** Name of the account configured by {@code CLOUDINARY_URL}. */
	String DEFAULT = "default";

	/**
	 * The key ring of an account.
	 * @param name the account's name
	 * @return its keys, the active one first
	 * @throws UnknownAccountException when no account has this name
	 */
	KeyRing keyRing(String name);

	/**
	 * The key pair that signs for an account now.
	 * @param name the account's name
	 * @return the active key
	 * @throws UnknownAccountException when no account has this name
	 */
	default CloudinaryAccount current(String name) {
		return keyRing(name).active();
	}

	/**
	 * The key pair that signs for the default account now.
	 * @return the active key of {@code default}
	 */
	default CloudinaryAccount defaultAccount() {
		return current(DEFAULT);
	}

	/**
	 * The names of the configured accounts.
	 * @return the names
	 */
	Set<String> names();

	/**
	 * Thrown for a name that is not a configured account.
	 */
	class UnknownAccountException extends IllegalArgumentException {

		public UnknownAccountException(String name) {
			super("No Cloudinary account is named '" + name + "'");
		}

	}

}
