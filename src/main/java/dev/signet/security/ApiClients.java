package dev.signet.security;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.signet.codec.Sha256;
import dev.signet.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * The configured API-key clients. Keys are kept as SHA-256 digests and compared in
 * constant time.
 *
 * @author Signet developers
 */
public final class ApiClients {

	private static final String SETTING = "SIGNET_API_KEYS";

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	private static final String HASHED = "sha256:";

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e&&[^,:]]{16,256}");

	private final List<Client> clients;

	private ApiClients(List<Client> clients) {
		this.clients = List.copyOf(clients);
	}

	/**
	 * Parses {@code name:key,name2:key2}. A key may be given as {@code sha256:<64 hex>}
	 * (the SHA-256 of the key) instead of its value, and a client may have several keys
	 * (repeat its name), so that keys can be rotated.
	 * @param value the setting, {@code null} or empty for no clients
	 * @return the clients
	 * @throws InvalidSettingException when malformed; the message never shows a key
	 */
	public static ApiClients parse(@Nullable String value) {
		List<Client> clients = new ArrayList<>();
		if (value == null || value.isBlank()) {
			return new ApiClients(clients);
		}
		Set<String> digests = new HashSet<>();
		String[] entries = value.split(",", -1);
		for (int i = 0; i < entries.length; i++) {
			String entry = entries[i];
			int colon = entry.indexOf(':');
			if (colon < 0) {
				throw new InvalidSettingException(SETTING,
						"entry " + (i + 1) + " must be name:key (the form is name:key,name2:key2)");
			}
			String name = entry.substring(0, colon);
			String key = entry.substring(colon + 1);
			byte[] digest;
			if (key.startsWith(HASHED)) {
				String hex = key.substring(HASHED.length());
				if (!SHA256_HEX.matcher(hex).matches()) {
					throw new InvalidSettingException(SETTING, "the hashed key of client '" + name
							+ "' must be sha256: followed by 64 lowercase hex characters");
				}
				digest = HexFormat.of().parseHex(hex);
			}
			else {
				digest = null;
			}
			if (!NAME.matcher(name).matches()) {
				throw new InvalidSettingException(SETTING,
						"the client name of entry " + (i + 1) + " must be 1 to 64 letters, digits, '.', '_' or '-'");
			}
			if (digest == null && !KEY.matcher(key).matches()) {
				throw new InvalidSettingException(SETTING,
						"the key of client '" + name
								+ "' must be 16 to 256 printable characters without spaces, ',' or ':' "
								+ "(generate one with: openssl rand -hex 32)");
			}
			if (digest == null) {
				digest = sha256(key);
			}
			if (!digests.add(HexFormat.of().formatHex(digest))) {
				throw new InvalidSettingException(SETTING, "client '" + name + "' reuses another client's key");
			}
			clients.add(new Client(name, digest));
		}
		return new ApiClients(clients);
	}

	/**
	 * Finds the client a key belongs to. Every configured key is compared, in constant
	 * time, whatever matches.
	 * @param key the key presented
	 * @return the client's name, or {@code null}
	 */
	public @Nullable String authenticate(String key) {
		byte[] digest = sha256(key);
		String match = null;
		for (Client client : this.clients) {
			if (MessageDigest.isEqual(client.digest(), digest)) {
				match = client.name();
			}
		}
		return match;
	}

	public boolean isEmpty() {
		return this.clients.isEmpty();
	}

	public int size() {
		return this.clients.size();
	}

	@Override
	public String toString() {
		return "ApiClients" + this.clients.stream().map(Client::name).toList();
	}

	private static byte[] sha256(String key) {
		return Sha256.digest(key);
	}

	private record Client(String name, byte[] digest) {

	}

}
