package dev.signet.cloudinary;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The key pairs of one Cloudinary account: the first signs, every one verifies
 * notifications and API responses, so that a secret can be rotated without downtime.
 *
 * @param name the account's name in Signet's configuration
 * @param keys the key pairs, the active one first
 * @param tokenKey the token key for {@code __cld_token__}, or {@code null} when none is
 * configured
 * @author Signet developers
 */
public record KeyRing(String name, List<CloudinaryAccount> keys, @Nullable AuthTokenKey tokenKey) {

	public KeyRing {
		keys = List.copyOf(keys);
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("An account needs at least one key");
		}
	}

	/**
	 * Parses one or more Cloudinary URLs, one per line: the first line is the key that
	 * signs, the others still verify.
	 * @param name the account's name
	 * @param value the URLs
	 * @param variable the setting's name, for messages (never the value)
	 * @param tokenKey the token key, or {@code null}
	 * @return the key ring
	 * @throws MalformedSettingException when a line is malformed, the lines name
	 * different clouds or repeat an API key
	 */
	public static KeyRing parse(String name, @Nullable String value, String variable, @Nullable AuthTokenKey tokenKey) {
		if (value == null || value.indexOf('\n') < 0) {
			return new KeyRing(name, List.of(CloudinaryUrl.parse(value, variable)), tokenKey);
		}
		String[] lines = value.split("\n", -1);
		List<CloudinaryAccount> keys = new ArrayList<>(lines.length);
		Set<String> apiKeys = new HashSet<>();
		for (int i = 0; i < lines.length; i++) {
			if (lines[i].isEmpty()) {
				throw new MalformedSettingException(variable, "line " + (i + 1) + " is empty; remove blank lines and "
						+ "any trailing line break (a value set with echo often ends with one)");
			}
			CloudinaryAccount key;
			try {
				key = CloudinaryUrl.parse(lines[i], variable);
			}
			catch (MalformedSettingException ex) {
				throw new MalformedSettingException(variable, "line " + (i + 1) + ": " + ex.getProblem());
			}
			if (!keys.isEmpty() && !key.cloudName().equals(keys.get(0).cloudName())) {
				throw new MalformedSettingException(variable, "line " + (i + 1) + " names another cloud than line 1; "
						+ "every key of one account belongs to the same cloud (configure another account instead)");
			}
			if (!apiKeys.add(key.apiKey())) {
				throw new MalformedSettingException(variable, "line " + (i + 1) + " repeats API key " + key.apiKey());
			}
			keys.add(key);
		}
		return new KeyRing(name, keys, tokenKey);
	}

	/**
	 * The key pair that signs.
	 * @return the active key
	 */
	public CloudinaryAccount active() {
		return this.keys.get(0);
	}

	/**
	 * The same keys with another token key.
	 * @param tokenKey the token key
	 * @return a new key ring
	 */
	public KeyRing withTokenKey(@Nullable AuthTokenKey tokenKey) {
		return new KeyRing(this.name, this.keys, tokenKey);
	}

	@Override
	public String toString() {
		return "KeyRing[name=" + this.name + ", keys=" + this.keys + ", tokenKey=" + this.tokenKey + "]";
	}

}
