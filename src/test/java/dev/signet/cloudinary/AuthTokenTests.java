package dev.signet.cloudinary;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.signet.support.SharedFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuthToken} and {@link AuthTokenKey}.
 *
 * @author Signet developers
 */
class AuthTokenTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AuthTokenKey KEY = AuthTokenKey.parse("00112233445566778899aabbccddeeff", "KEY");

	@Test
	void tokenMatchesEveryVectorOnWhichTheSdksAgree() throws IOException {
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (String line : Files.readAllLines(SharedFiles.vector("auth_token_vectors.jsonl"))) {
			Map<?, ?> vector = JSON.readValue(line, Map.class);
			if (!Boolean.TRUE.equals(vector.get("all_agree"))) {
				continue;
			}
			Map<?, ?> input = (Map<?, ?>) vector.get("input");
			AuthTokenKey key = AuthTokenKey.parse((String) input.get("key"), "key");
			Long start = (input.get("start_time") != null) ? ((Number) input.get("start_time")).longValue() : null;
			long expiration = (input.get("expiration") != null) ? ((Number) input.get("expiration")).longValue()
					: start + ((Number) input.get("duration")).longValue();
			Object acl = input.get("acl");
			List<String> acls = List.of();
			if (acl instanceof List<?> list) {
				acls = list.stream().map(String.class::cast).toList();
			}
			else if (acl != null) {
				acls = List.of((String) acl);
			}
			AuthToken token = new AuthToken((String) input.get("ip"), start, expiration, acls,
					(String) input.get("url"));
			if (!(AuthToken.NAME + "=" + token.generate(key)).equals(vector.get("expected_token"))) {
				mismatches.add((String) vector.get("id"));
			}
			checked++;
		}
		assertThat(mismatches).isEmpty();
		assertThat(checked).isGreaterThanOrEqualTo(4);
	}

	@Test
	void generateWhenIpAndStartGivenPutsThemFirst() {
		String token = new AuthToken("10.0.0.1", 1111111111L, 1111111411L, List.of("/image/*"), null).generate(KEY);
		assertThat(token).startsWith("ip=10.0.0.1~st=1111111111~exp=1111111411~acl=%2fimage%2f*~hmac=");
		assertThat(token.substring(token.indexOf("hmac=") + 5)).hasSize(64).matches("[0-9a-f]+");
	}

	@Test
	void newTokenWhenAclHasCharactersTheSdksEscapeDifferentlyIsRefused() {
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> new AuthToken(null, null, 1, List.of("/image/caf\u00e9"), null));
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> new AuthToken(null, null, 1, List.of("/image\\x"), null));
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> new AuthToken(null, null, 1, List.of(), null));
	}

	@Test
	void newTokenWithStartTimeZeroIsRefused() {
		assertThatExceptionOfType(RefusedInputException.class)
			.isThrownBy(() -> new AuthToken(null, 0L, 1111111411L, List.of("/image/*"), null))
			.satisfies((ex) -> assertThat(ex.getField()).isEqualTo("start_time"))
			.satisfies((ex) -> assertThat(ex.getReason()).contains("Signet refuses it rather than guess"));
	}

	@Test
	void parseWhenKeyIsNotHexNamesSettingButNotValue() {
		assertThatExceptionOfType(MalformedSettingException.class)
			.isThrownBy(() -> AuthTokenKey.parse("CANARYnothex0011223344556677889900", "CLOUDINARY_AUTH_TOKEN_KEY"))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("CLOUDINARY_AUTH_TOKEN_KEY is invalid")
				.doesNotContain("CANARY"));
		assertThatExceptionOfType(MalformedSettingException.class).isThrownBy(() -> AuthTokenKey.parse("00ff", "K"));
		assertThat(KEY.toString()).doesNotContain("00112233").contains(KEY.fingerprint());
	}

}
