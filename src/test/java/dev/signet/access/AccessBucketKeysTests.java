package dev.signet.access;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the bucket keys of {@link Access}.
 *
 * @author Signet developers
 */
class AccessBucketKeysTests {

	@Test
	void jwtCallerIsIssuerAndSubjectAndItsClientIsTheAuthorizedParty() {
		Caller jwt = new Caller("web-app", "https://idp.example", "user-1", Set.of("signet:sign"), false);
		assertThat(Access.callerId(jwt)).isEqualTo("jwt:https://idp.example\nuser-1");
		assertThat(Access.clientId(jwt)).isEqualTo("jwt:https://idp.example\nweb-app");
	}

	@Test
	void trustedBackendsEndUsersAreSeparateCallersOfOneClient() {
		Caller alice = Caller.ofApiKey("shop-backend", "alice");
		Caller bob = Caller.ofApiKey("shop-backend", "bob");
		assertThat(Access.callerId(alice)).isNotEqualTo(Access.callerId(bob));
		assertThat(Access.clientId(alice)).isEqualTo(Access.clientId(bob)).isEqualTo("key:shop-backend");
	}

}
