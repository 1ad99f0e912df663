package dev.signet.cloudinary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link KeyRing}.
 *
 * @author Signet developers
 */
class KeyRingTests {

	@Test
	void parseWhenSeveralLinesMakesFirstActiveAndKeepsOthers() {
		KeyRing ring = KeyRing.parse("default",
				"cloudinary://222:newSecret@demo?signature_algorithm=sha256\ncloudinary://111:oldSecret@demo", "X",
				null);
		assertThat(ring.active().apiKey()).isEqualTo("222");
		assertThat(ring.keys()).extracting(CloudinaryAccount::apiKey).containsExactly("222", "111");
		assertThat(ring.toString()).doesNotContain("newSecret").doesNotContain("oldSecret");
	}

	@Test
	void parseWhenLinesNameDifferentCloudsFails() {
		assertThatExceptionOfType(MalformedSettingException.class)
			.isThrownBy(() -> KeyRing.parse("a", "cloudinary://1:s1@one\ncloudinary://2:s2@two", "X", null))
			.withMessageContaining("another cloud");
	}

	@Test
	void parseWhenApiKeyRepeatsOrLineIsEmptyFailsWithoutShowingSecrets() {
		assertThatExceptionOfType(MalformedSettingException.class)
			.isThrownBy(() -> KeyRing.parse("a", "cloudinary://1:CANARY1@one\ncloudinary://1:CANARY2@one", "X", null))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("repeats").doesNotContain("CANARY"));
		assertThatExceptionOfType(MalformedSettingException.class)
			.isThrownBy(() -> KeyRing.parse("a", "cloudinary://1:CANARY1@one\n\ncloudinary://2:s@one", "X", null))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("line 2").doesNotContain("CANARY"));
	}

}
