package dev.signet.accounts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.signet.cloudinary.CloudinaryAccounts;
import dev.signet.settings.InvalidSettingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AccountsConfiguration}: bad account configuration stops the app with a
 * message that names the setting and never the secret.
 *
 * @author Signet developers
 */
class AccountsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, AccountsConfiguration.class)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registryWhenNamedAccountsAreConfiguredHoldsThemBesideTheDefault(@TempDir Path dir) throws IOException {
		Path file = dir.resolve("marketing");
		Files.writeString(file, "cloudinary://2:CANARYtwo@market\ncloudinary://1:CANARYone@market\n");
		this.runner
			.withPropertyValues("CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
					"signet.cloudinary.accounts.marketing.url-file=" + file,
					"signet.cloudinary.accounts.marketing.auth-token-key=00112233445566778899aabbccddeeff")
			.run((context) -> {
				CloudinaryAccounts accounts = context.getBean(CloudinaryAccounts.class);
				assertThat(accounts.names()).containsExactly("default", "marketing");
				assertThat(accounts.defaultAccount().apiKey()).isEqualTo("9");
				assertThat(accounts.current("marketing").apiKey()).isEqualTo("2");
				assertThat(accounts.keyRing("marketing").keys()).hasSize(2);
				assertThat(accounts.keyRing("marketing").tokenKey()).isNotNull();
				assertThat(accounts.keyRing("default").tokenKey()).isNull();
			});
	}

	@Test
	void startWhenAccountIsMisconfiguredFailsNamingTheSettingButNotTheSecret() {
		Map<String, String[]> cases = Map
			.of("signet.cloudinary.accounts.default",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"signet.cloudinary.accounts.default.url=cloudinary://8:CANARYother@demo" },
					"signet.cloudinary.accounts.bad.url",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"signet.cloudinary.accounts.bad.url=cloudinary://CANARYswapped:123@demo" },
					"signet.cloudinary.accounts.both.url",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"signet.cloudinary.accounts.both.url=cloudinary://1:CANARYx@demo",
							"signet.cloudinary.accounts.both.url-file=/tmp/x" },
					"signet.cloudinary.accounts.nokeys.url",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"signet.cloudinary.accounts.nokeys.auth-token-key=00112233445566778899aabbccddeeff" },
					"CLOUDINARY_AUTH_TOKEN_KEY",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"CLOUDINARY_AUTH_TOKEN_KEY=CANARYnotHex00112233445566778899aabb" },
					"signet.cloudinary.accounts.missing.url-file",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYdefault@demo",
							"signet.cloudinary.accounts.missing.url-file=/nonexistent/signet/keys" },
					"CLOUDINARY_URL",
					new String[] { "CLOUDINARY_URL=cloudinary://9:CANARYa@demo\n\ncloudinary://8:CANARYb@demo" });
		cases.forEach((setting, properties) -> this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof InvalidSettingException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).as(setting).isInstanceOf(InvalidSettingException.class);
			assertThat(((InvalidSettingException) failure).getSetting()).isEqualTo(setting);
			assertThat(failure.getMessage()).doesNotContain("CANARY");
			if (properties[0].contains("\n\n")) {
				assertThat(failure.getMessage()).contains("line 2 is empty");
			}
		}));
	}

	@Test
	void configTreeFileWhenTheWinningSourceIsAConfigTreeReturnsTheFile(@TempDir Path tree) throws IOException {
		Files.writeString(tree.resolve("CLOUDINARY_URL"), "cloudinary://1:s@c\n");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addLast(new ConfigTreePropertySource("tree", tree));
		assertThat(AccountsConfiguration.configTreeFile(environment, "CLOUDINARY_URL"))
			.isEqualTo(tree.resolve("CLOUDINARY_URL"));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("env", Map.of("CLOUDINARY_URL", "cloudinary://2:t@c")));
		assertThat(AccountsConfiguration.configTreeFile(environment, "CLOUDINARY_URL")).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ AccountsProperties.class, CloudinaryProperties.class })
	static class Properties {

	}

}
