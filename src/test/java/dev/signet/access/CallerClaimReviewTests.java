package dev.signet.access;

import java.util.Set;

import dev.signet.refusal.Reason;
import dev.signet.refusal.Refusal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Review of who the caller is (issue 13): the end user named in {@code X-Signet-User}
 * counts only for trusted API-key clients, and the bucket keys of API-key and JWT callers
 * never meet.
 *
 * @author Signet developers
 */
class CallerClaimReviewTests {

	private static final Caller JWT = new Caller("web", "https://idp.example", "web", Set.of("signet:sign"), false);

	@Test
	void aJwtNamingAUserIsForbiddenEvenWhenMarkedTrusted() {
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> new CallerClaim(JWT, "alice", true).resolve())
			.satisfies((refusal) -> assertThat(refusal.reason()).isEqualTo(Reason.FORBIDDEN))
			.withMessageContaining("a JWT names its subject");
	}

	@Test
	void anUntrustedClientNamingAUserIsForbiddenAndAMalformedUserIsInvalid() {
		Caller web = Caller.ofApiKey("web", null);
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> new CallerClaim(web, "alice", false).resolve())
			.satisfies((refusal) -> assertThat(refusal.reason()).isEqualTo(Reason.FORBIDDEN))
			.withMessageContaining("not trusted to name a user");
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> new CallerClaim(web, "a b", true).resolve())
			.satisfies((refusal) -> assertThat(refusal.reason()).isEqualTo(Reason.INVALID_REQUEST));
		assertThatExceptionOfType(Refusal.class).isThrownBy(() -> new CallerClaim(web, "", true).resolve())
			.satisfies((refusal) -> assertThat(refusal.reason()).isEqualTo(Reason.INVALID_REQUEST));
	}

	@Test
	void aNamedUserKeepsTheClientAndGetsItsOwnCallerBucket() {
		Caller backend = Caller.ofApiKey("backend", null);
		Caller alice = new CallerClaim(backend, "alice", true).resolve();
		assertThat(alice.client()).isEqualTo("backend");
		assertThat(alice.subject()).isEqualTo("alice");
		assertThat(Access.callerId(alice)).isNotEqualTo(Access.callerId(backend));
		assertThat(Access.clientId(alice)).isEqualTo(Access.clientId(backend));
	}

	/**
	 * Finding (low): a trusted backend that names a user spelled like itself spends from
	 * its own caller bucket and gets its own {ns}; and a JWT without sub is the subject
	 * of its client, so it shares caller bucket and {sub}/{ns} with a user whose sub is
	 * spelled like the client.
	 */
	@Test
	void subjectsSpelledLikeTheirClientShareTheClientsCallerBucketAndNamespace() {
		Caller backend = Caller.ofApiKey("backend", null);
		Caller named = new CallerClaim(backend, "backend", true).resolve();
		assertThat(Access.callerId(named)).isEqualTo(Access.callerId(backend));
		assertThat(named.namespace()).isEqualTo(backend.namespace());
		Caller withoutSub = new Caller("web", "https://idp.example", "web", Set.of(), false);
		Caller userNamedWeb = JWT;
		assertThat(Access.callerId(withoutSub)).isEqualTo(Access.callerId(userNamedWeb));
		assertThat(withoutSub.namespace()).isEqualTo(userNamedWeb.namespace());
	}

	@Test
	void apiKeyAndJwtBucketsNeverMeetEvenWhenNamesCollide() {
		Caller key = Caller.ofApiKey("https://idp.example", null);
		Caller jwt = new Caller("https://idp.example", "https://idp.example", "https://idp.example", Set.of(), false);
		assertThat(Access.callerId(key)).isNotEqualTo(Access.callerId(jwt));
		assertThat(Access.clientId(key)).isNotEqualTo(Access.clientId(jwt));
		AllowedCallers keysOnly = AllowedCallers.of(Set.of("https://idp.example"), Set.of());
		assertThat(keysOnly.permits(key)).isTrue();
		assertThat(keysOnly.permits(jwt)).isFalse();
	}

}
