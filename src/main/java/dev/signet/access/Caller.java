package dev.signet.access;

import java.util.Locale;
import java.util.Set;

import dev.signet.codec.Sha256;
import org.jspecify.annotations.Nullable;

/**
 * Who asks for a signature, as the signing rules see it.
 *
 * <p>
 * API-key clients and JWT clients live in disjoint namespaces: an API-key caller's
 * {@code client} is matched against the {@code clients} of a profile only, a JWT caller's
 * against its {@code jwt-clients} only. A JWT's {@code sub} is never a client: a token
 * without {@code azp} and {@code client_id} belongs to its issuer's shared client, named
 * like the issuer (which, with its {@code :} and {@code /}, is never an API-key client
 * name).
 *
 * @param client the client application: the API-key client name, or the JWT's {@code azp}
 * (else {@code client_id}), else the issuer (the issuer's shared client)
 * @param issuer who vouches for the subject: the JWT issuer ({@code iss}; without one,
 * the configured issuer or JWK set URI), or {@code signet:<client>} for API-key callers
 * @param subject the end user (JWT {@code sub}, or the user a trusted client names), or
 * the client itself
 * @param scopes the JWT scopes (empty for API-key callers)
 * @param apiKey whether the caller used an API key
 * @author Signet developers
 */
public record Caller(String client, String issuer, String subject, Set<String> scopes, boolean apiKey) {

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	/**
	 * A stable namespace for the caller's end user: 26 lowercase base32 characters of the
	 * SHA-256 of issuer and subject. Two users never share one in practice; it reveals
	 * neither.
	 * @return the namespace
	 */
	public String namespace() {
		byte[] digest = Sha256.digest(this.issuer + "\n" + this.subject);
		StringBuilder out = new StringBuilder(26);
		int buffer = 0;
		int bits = 0;
		for (byte b : digest) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5 && out.length() < 26) {
				out.append(BASE32[(buffer >> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		return out.toString().toLowerCase(Locale.ROOT);
	}

	/**
	 * The caller's identity as one string, for its rate-limit buckets and for what it
	 * owns (upload sessions): API-key and JWT callers never share one; a trusted
	 * backend's named end user is its own caller.
	 * @return the key
	 */
	public String key() {
		return (this.apiKey ? "key:" : "jwt:") + this.issuer + "\n" + this.subject;
	}

	/**
	 * A caller that used an API key.
	 * @param client the client name
	 * @param user the end user a trusted client named, or {@code null}
	 * @return the caller
	 */
	public static Caller ofApiKey(String client, @Nullable String user) {
		return new Caller(client, "signet:" + client, (user != null) ? user : client, Set.of(), true);
	}

}
