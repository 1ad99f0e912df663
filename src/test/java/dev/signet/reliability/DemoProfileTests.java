package dev.signet.reliability;

import java.net.InetAddress;

import dev.signet.SignetApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code demo} profile, whose API key is printed in the README, listens on loopback
 * only.
 *
 * @author Signet developers
 */
class DemoProfileTests {

	@Test
	void demoProfileListensOnLoopbackOnly() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SignetApplication.class)
			.profiles("demo")
			.run("--server.port=0", "--SIGNET_CONFIG_TREE=/nonexistent/")) {
			TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) context).getWebServer();
			Object address = server.getTomcat().getConnector().getProperty("address");
			assertThat(address).isInstanceOf(InetAddress.class);
			assertThat(((InetAddress) address).isLoopbackAddress()).as("bound to %s", address).isTrue();
		}
	}

}
