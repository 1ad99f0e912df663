package dev.signet.signing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.signet.SignetApplication;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * JMH: one {@code POST /v1/signatures} through Signet's {@link DispatcherServlet}, the
 * whole application context running (rate limits on, set too high to refuse; the audit
 * line off, so that the benchmark prints nothing), served by {@link SignatureFastPath}
 * against the same request sent through MVC's mapping of {@link SignatureController} (an
 * {@code Accept} with a quality value). Below the filters: no Tomcat, no security chain;
 * the caller is set as the chain would set it. Run with
 * {@code bench/jmh.sh DispatchBenchmarks}.
 *
 * @author Signet developers
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DispatchBenchmarks {

	private static final byte[] BODY = "{\"params\":{\"folder\":\"avatars\",\"public_id\":\"alice\",\"tags\":[\"profile\",\"user\"],\"context\":\"alt=Alice\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private final Authentication caller = UsernamePasswordAuthenticationToken.authenticated("bench", null, List.of());

	private ConfigurableApplicationContext context;

	private DispatcherServlet dispatcher;

	@Setup
	public void setUp() {
		this.context = new SpringApplicationBuilder(SignetApplication.class).run("--server.port=0",
				"--CLOUDINARY_URL=cloudinary://123456789012345:benchSecretNotForProduction_1@bench",
				"--SIGNET_API_KEYS=bench:bench-key-0123456789abcdef", "--SIGNET_CONFIG_TREE=/nonexistent/",
				"--signet.rate-limit.enabled=true", "--signet.rate-limit.caller.capacity=1000000000",
				"--signet.rate-limit.caller.period=1s", "--signet.rate-limit.caller.quota=0",
				"--signet.rate-limit.client.capacity=1000000000", "--signet.rate-limit.global.capacity=1000000000",
				"--logging.level.signet.audit=OFF", "--spring.mvc.servlet.load-on-startup=1",
				"--logging.level.root=WARN");
		this.dispatcher = this.context.getBean(DispatcherServlet.class);
	}

	@TearDown
	public void tearDown() {
		this.context.close();
	}

	@Benchmark
	public MockHttpServletResponse fastPath() throws Exception {
		return dispatch(null);
	}

	@Benchmark
	public MockHttpServletResponse throughMvc() throws Exception {
		return dispatch("application/json;q=1");
	}

	private MockHttpServletResponse dispatch(String accept) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/signatures");
		request.setContentType("application/json");
		request.setContent(BODY);
		if (accept != null) {
			request.addHeader("Accept", accept);
		}
		MockHttpServletResponse response = new MockHttpServletResponse();
		SecurityContextHolder.getContext().setAuthentication(this.caller);
		this.dispatcher.service(request, response);
		if (response.getStatus() != 200) {
			throw new IllegalStateException(response.getStatus() + " " + response.getContentAsString());
		}
		return response;
	}

}
