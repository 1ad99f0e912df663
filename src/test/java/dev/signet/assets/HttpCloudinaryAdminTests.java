package dev.signet.assets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.CloudinaryAccount;
import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.cloudinary.KeyRing;
import dev.signet.cloudinary.SignatureAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link HttpCloudinaryAdmin} against a real HTTP server that checks basic auth
 * and destroy signatures as Cloudinary does.
 *
 * @author Signet developers
 */
class HttpCloudinaryAdminTests {

	private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

	private final AdminApiServer server;

	HttpCloudinaryAdminTests() throws IOException {
		this.server = new AdminApiServer();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	static CloudinaryAccounts accounts(String prefix, String secret) {
		CloudinaryAccount account = new CloudinaryAccount(AdminApiServer.CLOUD, AdminApiServer.KEY,
				ApiSecret.of(secret), SignatureAlgorithm.SHA1, 2, prefix);
		KeyRing ring = new KeyRing("default", List.of(account), null);
		return new CloudinaryAccounts() {

			@Override
			public KeyRing keyRing(String name) {
				return ring;
			}

			@Override
			public Set<String> names() {
				return Set.of("default");
			}

		};
	}

	private HttpCloudinaryAdmin admin(Duration timeout, int attempts) {
		return admin(timeout, attempts, AdminApiServer.SECRET);
	}

	private HttpCloudinaryAdmin admin(Duration timeout, int attempts, String secret) {
		return new HttpCloudinaryAdmin(accounts(this.server.prefix(), secret),
				new CloudinaryApiProperties(timeout, attempts, Duration.ofMillis(10), Duration.ofSeconds(1)),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void aLookupIsParsedFromTheAdminApi() {
		this.server.assets.put("avatars/a1", "asset-1");
		AssetFacts facts = admin(Duration.ofSeconds(5), 3).resource("default", "image", "upload", "avatars/a1");
		assertThat(facts).isEqualTo(new AssetFacts("asset-1", "avatars/a1", "image", "upload", 1700000000L,
				"https://res.example.com/x.jpg", 500, "jpg", 640, 480, null, null));
	}

	@Test
	void anUnknownAssetIsNotFound() {
		assertThatExceptionOfType(CloudinaryAdmin.NotFound.class)
			.isThrownBy(() -> admin(Duration.ofSeconds(5), 3).resource("default", "image", "upload", "nope"));
		assertThat(this.server.calls).hasValue(1);
	}

	@Test
	void aServerErrorIsRetriedUntilItAnswers() {
		this.server.assets.put("a1", "asset-1");
		this.server.failNext.set(1);
		assertThat(admin(Duration.ofSeconds(5), 3).resource("default", "image", "upload", "a1").assetId())
			.isEqualTo("asset-1");
		assertThat(this.server.calls).hasValue(2);
	}

	@Test
	void serverErrorsOnEveryAttemptAreUnavailable() {
		this.server.assets.put("a1", "asset-1");
		this.server.failNext.set(10);
		assertThatExceptionOfType(CloudinaryAdmin.Unavailable.class)
			.isThrownBy(() -> admin(Duration.ofSeconds(5), 3).resource("default", "image", "upload", "a1"))
			.withMessageContaining("500");
		assertThat(this.server.calls).hasValue(3);
	}

	@Test
	void aServerSlowerThanTheTimeoutIsUnavailableAfterTheAttempts() {
		this.server.assets.put("a1", "asset-1");
		this.server.delayMillis = 2000;
		assertThatExceptionOfType(CloudinaryAdmin.Unavailable.class)
			.isThrownBy(() -> admin(Duration.ofMillis(200), 2).resource("default", "image", "upload", "a1"))
			.withMessageContaining("did not answer");
		assertThat(this.server.calls).hasValue(2);
	}

	@Test
	void wrongCredentialsAreUnavailableWithoutTheSecret() {
		this.server.assets.put("a1", "asset-1");
		assertThatExceptionOfType(CloudinaryAdmin.Unavailable.class).isThrownBy(
				() -> admin(Duration.ofSeconds(5), 3, "wrong-secret-xyz").resource("default", "image", "upload", "a1"))
			.withMessageContaining("401")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("wrong-secret-xyz"));
		assertThat(this.server.calls).hasValue(1);
	}

	@Test
	void publicIdsAreEncodedLikeTheSdk() {
		String publicId = "folder/sub dir/été+x:y";
		this.server.assets.put(publicId, "asset-2");
		assertThat(admin(Duration.ofSeconds(5), 3).resource("default", "video", "upload", publicId).publicId())
			.isEqualTo(publicId);
		assertThat(this.server.lookups).containsExactly("video/upload/folder/sub%20dir/%C3%A9t%C3%A9%2Bx:y");
	}

	@Test
	void aDestroyIsSignedAndInvalidates() {
		this.server.assets.put("avatars/a1", "asset-1");
		assertThat(admin(Duration.ofSeconds(5), 3).destroy("default", "image", "upload", "avatars/a1")).isTrue();
		assertThat(this.server.destroys).singleElement()
			.satisfies((form) -> assertThat(form).containsEntry("invalidate", "true")
				.containsEntry("public_id", "avatars/a1")
				.containsEntry("type", "upload")
				.containsEntry("timestamp", Long.toString(NOW.getEpochSecond())));
		assertThat(this.server.assets).doesNotContainKey("avatars/a1");
	}

	@Test
	void aDestroyWithAWrongSecretIsRefusedByTheServer() {
		this.server.assets.put("a1", "asset-1");
		assertThatExceptionOfType(CloudinaryAdmin.Unavailable.class).isThrownBy(
				() -> admin(Duration.ofSeconds(5), 3, "wrong-secret-xyz").destroy("default", "image", "upload", "a1"));
		assertThat(this.server.assets).containsKey("a1");
	}

	@Test
	void aDestroyOfNothingIsFalse() {
		assertThat(admin(Duration.ofSeconds(5), 3).destroy("default", "image", "upload", "gone")).isFalse();
	}

	@Test
	void aDestroyIsRetriedAfterAServerError() {
		this.server.assets.put("a1", "asset-1");
		this.server.failNext.set(2);
		assertThat(admin(Duration.ofSeconds(5), 3).destroy("default", "raw", "upload", "a1")).isTrue();
		assertThat(this.server.calls).hasValue(3);
	}

}
