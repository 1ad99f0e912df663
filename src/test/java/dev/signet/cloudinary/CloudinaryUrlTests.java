package dev.signet.cloudinary;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link CloudinaryUrl}.
 *
 * @author Signet developers
 */
class CloudinaryUrlTests {

	private static final String SECRET = "CANARYs3cr3tAbCdEfGh_ij-kl";

	@Test
	void parseWhenWellFormedReadsEveryPart() {
		CloudinaryAccount account = CloudinaryUrl.parse("cloudinary://123456789012345:" + SECRET + "@demo-cloud",
				"CLOUDINARY_URL");
		assertThat(account.cloudName()).isEqualTo("demo-cloud");
		assertThat(account.apiKey()).isEqualTo("123456789012345");
		assertThat(account.algorithm()).isEqualTo(SignatureAlgorithm.SHA1);
		assertThat(account.signatureVersion()).isEqualTo(2);
		assertThat(account.uploadUrl("image")).isEqualTo("https://api.cloudinary.com/v1_1/demo-cloud/image/upload");
		assertThat(account.toString()).doesNotContain(SECRET);
	}

	@Test
	void parseWhenOptionsGivenAppliesThem() {
		CloudinaryAccount account = CloudinaryUrl.parse("cloudinary://1:" + SECRET
				+ "@c?signature_algorithm=sha256&signature_version=1&upload_prefix=http://127.0.0.1:8089&secure=true",
				"CLOUDINARY_URL");
		assertThat(account.algorithm()).isEqualTo(SignatureAlgorithm.SHA256);
		assertThat(account.signatureVersion()).isEqualTo(1);
		assertThat(account.uploadUrl("raw")).isEqualTo("http://127.0.0.1:8089/v1_1/c/raw/upload");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', value = { "missing||is not set",
			"quotes|\"cloudinary://1:SECRET@c\"|quotes", "single quotes|'cloudinary://1:SECRET@c'|quotes",
			"trailing newline|cloudinary://1:SECRET@c\\n|whitespace", "inner space|cloudinary://1:SEC RET@c|whitespace",
			"wrong scheme|https://1:SECRET@c|cloudinary://", "no at|cloudinary://1:SECRET|exactly one '@'",
			"no colon|cloudinary://SECRET@c|exactly one ':'", "empty key|cloudinary://:SECRET@c|API key part is empty",
			"empty secret|cloudinary://1:@c|API secret part is empty",
			"empty cloud|cloudinary://1:SECRET@|cloud name part is empty",
			"swapped|cloudinary://SECRET:123456@c|swapped", "non-numeric key|cloudinary://abc:SECRET@c|numeric",
			"bad algorithm|cloudinary://1:SECRET@c?signature_algorithm=md5|sha1 or sha256",
			"bad version|cloudinary://1:SECRET@c?signature_version=3|1 or 2",
			"bad prefix|cloudinary://1:SECRET@c?upload_prefix=ftp://x|upload_prefix",
			"unknown option|cloudinary://1:SECRET@c?signature_algoritm=sha256|unknown" })
	void parseWhenMalformedNamesVariableAndRuleButNotSecret(String description, String template, String expected) {
		String value = (template != null) ? template.replace("SECRET", SECRET).replace("\\n", "\n") : null;
		assertThatExceptionOfType(MalformedSettingException.class)
			.isThrownBy(() -> CloudinaryUrl.parse(value, "CLOUDINARY_URL"))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).startsWith("CLOUDINARY_URL is invalid").contains(expected);
				assertThat(ex.getMessage()).doesNotContain("CANARY").doesNotContain("s3cr3t");
			});
	}

}
