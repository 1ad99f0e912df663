package dev.signet.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import dev.signet.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ApiKeyStore} and {@link ApiClients}: hashed keys, several keys per
 * client, and live reload of the key file.
 *
 * @author Signet developers
 */
class ApiKeyStoreTests {

	private static final String OLD_KEY = "old-key-0123456789abcdef";

	private static final String NEW_KEY = "new-key-0123456789abcdef";

	@Test
	void clientsAcceptHashedKeysAndSeveralKeysPerClient() throws Exception {
		String hash = HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(NEW_KEY.getBytes()));
		ApiClients clients = ApiClients.parse("web:" + OLD_KEY + ",web:sha256:" + hash + ",ios:ios-key-0123456789abc");
		assertThat(clients.authenticate(OLD_KEY)).isEqualTo("web");
		assertThat(clients.authenticate(NEW_KEY)).isEqualTo("web");
		assertThat(clients.authenticate("ios-key-0123456789abc")).isEqualTo("ios");
		assertThat(clients.authenticate("sha256:" + hash)).isNull();
		assertThat(clients.toString()).doesNotContain(OLD_KEY).doesNotContain(hash);
	}

	@Test
	void clientsRefuseMalformedHashWithoutShowingIt() {
		assertThatExceptionOfType(InvalidSettingException.class).isThrownBy(() -> ApiClients.parse("web:sha256:ABC"))
			.withMessageContaining("64 lowercase hex")
			.withMessageNotContaining("ABC");
	}

	@Test
	void storeReloadsChangedKeyFileAndKeepsOldKeysWhenNewFileIsMalformed(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("SIGNET_API_KEYS");
		ApiKeyStore store = storeReloading(file);
		try {
			assertThat(store.current().authenticate(OLD_KEY)).isEqualTo("web");
			Files.writeString(file, "web:" + NEW_KEY + "\n");
			await(() -> store.current().authenticate(NEW_KEY) != null);
			assertThat(store.current().authenticate(OLD_KEY)).as("revoked").isNull();
			Files.writeString(file, "web:short\n");
			Thread.sleep(300);
			assertThat(store.current().authenticate(NEW_KEY)).isEqualTo("web");
		}
		finally {
			store.destroy();
		}
	}

	@Test
	void storeKeepsItsKeysWhileTheKeyFileIsEmptyAsWhenItIsRewrittenInPlace(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("SIGNET_API_KEYS");
		ApiKeyStore store = storeReloading(file);
		try {
			Files.writeString(file, "");
			Thread.sleep(300);
			assertThat(store.current().authenticate(OLD_KEY)).as("an empty file revokes nothing").isEqualTo("web");
			Files.writeString(file, "web:" + NEW_KEY + "\n");
			await(() -> store.current().authenticate(NEW_KEY) != null);
		}
		finally {
			store.destroy();
		}
	}

	/** A store of the key file, holding OLD_KEY for client web, re-read every 50 ms. */
	private static ApiKeyStore storeReloading(Path file) throws IOException {
		Files.writeString(file, "web:" + OLD_KEY + "\n");
		return new ApiKeyStore(new ApiKeyProperties(null, List.of(), file, Duration.ofMillis(50)),
				new StandardEnvironment());
	}

	private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met within 10 s").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
