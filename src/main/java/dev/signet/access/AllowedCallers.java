package dev.signet.access;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import dev.signet.settings.InvalidSettingException;

/**
 * Who may use a profile of any kind, matched the same way on every endpoint:
 * {@code clients} name API-key clients only, {@code jwt-clients} name JWT clients only
 * (their {@code azp}, else {@code client_id}, or the issuer for tokens with neither),
 * {@code *} stands for every client of its kind. A JWT's {@code sub} is never matched.
 *
 * @author Signet developers
 */
public final class AllowedCallers {

	private static final String ANY = "*";

	private final Set<String> clients;

	private final Set<String> jwtClients;

	private AllowedCallers(Collection<String> clients, Collection<String> jwtClients) {
		this.clients = Set.copyOf(clients);
		this.jwtClients = Set.copyOf(jwtClients);
	}

	/**
	 * The callers a profile names.
	 * @param clients the API-key client names ({@code *} for all)
	 * @param jwtClients the JWT clients: {@code azp}/{@code client_id} values, or an
	 * issuer for its shared client ({@code *} for all)
	 * @return the allowed callers
	 */
	public static AllowedCallers of(Collection<String> clients, Collection<String> jwtClients) {
		return new AllowedCallers(clients, jwtClients);
	}

	/**
	 * The callers a profile of any kind names, refusing at startup a profile that names
	 * nobody: an empty list never means "every caller".
	 * @param setting the profile's settings prefix, for the startup failure
	 * @param clients the API-key client names ({@code *} for all)
	 * @param jwtClients the JWT clients ({@code *} for all)
	 * @return the allowed callers
	 * @throws InvalidSettingException when both lists are empty
	 */
	public static AllowedCallers required(String setting, Collection<String> clients, Collection<String> jwtClients) {
		if (clients.isEmpty() && jwtClients.isEmpty()) {
			throw new InvalidSettingException(setting,
					"no caller may use it: set clients (API-key client names) or jwt-clients ('*' for any)");
		}
		return of(clients, jwtClients);
	}

	/**
	 * Whether a caller is named, by the list of its kind only.
	 * @param caller the caller
	 * @return true when named
	 */
	public boolean permits(Caller caller) {
		Set<String> names = caller.apiKey() ? this.clients : this.jwtClients;
		return names.contains(ANY) || names.contains(caller.client());
	}

	/**
	 * The JWT clients named explicitly (without {@code *}).
	 * @return the names
	 */
	public Set<String> jwtClientNames() {
		Set<String> names = new LinkedHashSet<>(this.jwtClients);
		names.remove(ANY);
		return names;
	}

}
