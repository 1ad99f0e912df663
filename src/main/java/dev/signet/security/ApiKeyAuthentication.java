package dev.signet.security;

import java.util.Collection;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A caller authenticated by a static API key; its name is the client's name.
 *
 * @author Signet developers
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final String client;

	ApiKeyAuthentication(String client, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.client = client;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.client;
	}

}
