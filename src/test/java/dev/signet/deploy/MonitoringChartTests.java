package dev.signet.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.signet.cloudinary.ApiSecret;
import dev.signet.cloudinary.NotificationSignature;
import dev.signet.cloudinary.SignatureAlgorithm;
import dev.signet.support.Eventually;
import dev.signet.support.Http;
import dev.signet.support.Http.Response;
import dev.signet.support.JwksServer;
import dev.signet.support.Needs;
import dev.signet.support.TestAccounts;
import dev.signet.support.Tool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the Helm chart's Grafana dashboard and PrometheusRule: rendered by real Helm
 * with both enabled, every PromQL expression they hold names only metrics (and selects
 * only labels) that a running Signet exports on {@code /actuator/prometheus} once its
 * endpoints were exercised, every alert has its runbook in {@code docs/operations.md},
 * and the rules pass {@code promtool check rules}.
 *
 * @author Signet developers
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = {
				"CLOUDINARY_URL=cloudinary://" + TestAccounts.API_KEY + ":" + TestAccounts.CANARY_SECRET + "@"
						+ TestAccounts.CLOUD_NAME,
				"SIGNET_API_KEYS=" + TestAccounts.API_KEYS, "signet.jwt.audience=" + JwksServer.AUDIENCE,
				"signet.rate-limit.enabled=true", "signet.profiles.video.clients=web,backend",
				"signet.profiles.video.resource-types=video", "signet.profiles.video.allowed.folder.kind=path",
				"signet.profiles.video.max-bytes=100000000B", "signet.profiles.video.formats=mp4",
				"signet.notifications.forward.max-attempts=1" })
class MonitoringChartTests {

	private static final Path CHART = HelmChartTests.CHART;

	private static final String RUNBOOKS = "https://docs.example.com/signet/operations";

	private static final String VALUES = "grafana: {dashboard: {enabled: true}}\n"
			+ "prometheusRule: {enabled: true, runbookUrl: '" + RUNBOOKS + "'}\n";

	/** Labels Prometheus adds to every scraped series (target labels), not Signet. */
	private static final Set<String> TARGET_LABELS = Set.of("namespace", "job", "pod", "instance", "service",
			"container", "endpoint");

	/** PromQL's keywords and aggregation operators (which may precede their grouping). */
	private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
			"and", "or", "unless", "bool", "offset", "inf", "nan", "sum", "min", "max", "avg", "group", "stddev",
			"stdvar", "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");

	private static final Set<String> GROUPING = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");

	private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*([a-zA-Z_]\\w*)\\)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final JwksServer jwks = JwksServer.start();

	@LocalServerPort
	private int port;

	@TempDir
	Path temp;

	@DynamicPropertySource
	static void dependencies(DynamicPropertyRegistry registry) throws IOException {
		registry.add("signet.jwt.jwk-set-uri", jwks::jwkSetUri);
		// Nothing listens there: every forwarded notification fails and is given up.
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		registry.add("signet.notifications.forward.url", () -> "http://127.0.0.1:" + closed + "/hooks/cloudinary");
		registry.add("signet.notifications.forward.signing-key", () -> "forward-signing-key-0123456789abcdef-test");
	}

	@AfterAll
	static void stopJwks() {
		jwks.close();
	}

	@Test
	void everyQueryOfTheDashboardAndRulesNamesMetricsAndLabelsARunningSignetExports() throws IOException {
		Rendered rendered = render(VALUES);
		Map<String, Map<String, Set<String>>> exported = exerciseAndScrape();
		List<String> expressions = new ArrayList<>(rendered.dashboardExpressions());
		expressions.addAll(rendered.ruleExpressions().values());
		assertThat(rendered.dashboardExpressions()).hasSizeGreaterThanOrEqualTo(20);
		Set<String> used = new TreeSet<>();
		for (String expression : expressions) {
			Map<String, List<LabelMatch>> selectors = selectors(expression);
			assertThat(selectors).as("metrics in %s", expression).isNotEmpty();
			selectors.forEach((metric, matches) -> {
				assertThat(exported).as("%s (in %s) is exported", metric, expression).containsKey(metric);
				for (LabelMatch match : matches) {
					if (!TARGET_LABELS.contains(match.label())) {
						Set<String> values = exported.get(metric).get(match.label());
						assertThat(values).as("label %s of %s (in %s)", match.label(), metric, expression).isNotNull();
						assertThat(values)
							.as("values of %s of %s matching %s (in %s)", match.label(), metric, match, expression)
							.anyMatch(match::selects);
					}
				}
			});
			used.addAll(selectors.keySet());
		}
		assertThat(used).as("what the panels and alerts cover")
			.contains("signet_signatures_issued_total", "signet_signatures_refused_total",
					"signet_ratelimit_refused_total", "http_server_requests_seconds_bucket",
					"signet_ratelimit_degraded", "signet_jwt_jwks_fetches_total", "signet_notifications_verified_total",
					"signet_notifications_received_total", "signet_notifications_forward_failed_total",
					"signet_assets_removals_total", "signet_assets_removals_pending");
	}

	@Test
	void selectorsNameEveryMetricAndTheLabelsOfItsOwnSelectorOnly() {
		assertThat(
				labels(selectors("histogram_quantile(0.99, sum by (uri, le) (rate(http_server_requests_seconds_bucket"
						+ "{job=~\"$job\", uri=~\"/v1/(a|b)\"}[$__rate_interval]))) > 1e-3")))
			.isEqualTo(Map.of("http_server_requests_seconds_bucket", Set.of("job", "uri")));
		assertThat(labels(selectors("sum(rate(a_total{x=\"}\"}[5m] offset 1h)) / on (job) group_left (pod) b")))
			.isEqualTo(Map.of("a_total", Set.of("x"), "b", Set.of()));
		assertThat(labels(selectors("label_values(signet_ratelimit_degraded{namespace=~\"$namespace\"}, job)")))
			.isEqualTo(Map.of("signet_ratelimit_degraded", Set.of("namespace", "job")));
		List<LabelMatch> matches = selectors("m{a=\"x\", b=~\"y|z\", c!=\"w\", d!~\"v.*\"}").get("m");
		assertThat(matches).extracting((match) -> match.selects("x")).containsExactly(true, false, true, true);
		assertThat(matches).extracting((match) -> match.selects("z")).containsExactly(false, true, true, true);
		assertThat(matches).extracting((match) -> match.selects("w")).containsExactly(false, false, false, true);
		assertThat(matches).extracting((match) -> match.selects("v1")).containsExactly(false, false, true, false);
	}

	@Test
	void everyAlertHasARunbookInTheOperationsDocsAndItsUrl() throws IOException {
		Rendered rendered = render(VALUES);
		String operations = Files.readString(Path.of("docs/operations.md"), StandardCharsets.UTF_8);
		assertThat(operations).contains("## Dashboard and alerts");
		assertThat(rendered.ruleExpressions()).containsOnlyKeys("SignetRefusalRatioHigh", "SignetRateLimitedSurge",
				"SignetLatencyP99High", "SignetRateLimiterDegraded", "SignetJwkSetFetchFailing",
				"SignetNotificationForwardingFailing", "SignetNotificationForwardingRetrying",
				"SignetAssetRemovalFailing");
		for (Map<String, Object> rule : rendered.rules()) {
			String alert = (String) rule.get("alert");
			String anchor = alert.toLowerCase(Locale.ROOT);
			assertThat(operations).as("runbook of %s", alert).containsPattern("(?m)^### " + alert + "$");
			assertThat(DeploymentTestSupport.get(rule, "annotations.runbook_url")).isEqualTo(RUNBOOKS + "#" + anchor);
			assertThat(DeploymentTestSupport.string(rule, "annotations.description"))
				.contains("docs/operations.md#" + anchor);
			assertThat(DeploymentTestSupport.get(rule, "labels.severity")).isIn("warning", "critical");
		}
		assertThat(render("prometheusRule: {enabled: true}").rules()).allSatisfy(
				(rule) -> assertThat(DeploymentTestSupport.map(rule, "annotations")).doesNotContainKey("runbook_url"));
	}

	@Test
	void dashboardIsAConfigMapForTheGrafanaSidecarAndRulesSelectTheRelease() throws IOException {
		Rendered rendered = render(VALUES);
		Map<String, Object> dashboard = rendered.dashboard();
		assertThat(DeploymentTestSupport.get(dashboard, "metadata.labels.grafana_dashboard")).isEqualTo("1");
		assertThat(DeploymentTestSupport.get(dashboard, "metadata.name")).isEqualTo("rel-signet-dashboard");
		assertThat(rendered.ruleExpressions().values())
			.allSatisfy((expr) -> assertThat(expr).contains("namespace=\"apps\", job=\"rel-signet\""));
		Rendered custom = render("grafana: {dashboard: {enabled: true, label: dashboards, labelValue: signet, "
				+ "namespace: monitoring, annotations: {grafana_folder: Apps}}}\n"
				+ "prometheusRule: {enabled: true, selector: 'service=\"signet\"', labels: {release: prometheus}}");
		assertThat(DeploymentTestSupport.get(custom.dashboard(), "metadata.labels.dashboards")).isEqualTo("signet");
		assertThat(DeploymentTestSupport.get(custom.dashboard(), "metadata.namespace")).isEqualTo("monitoring");
		assertThat(DeploymentTestSupport.get(custom.dashboard(), "metadata.annotations.grafana_folder"))
			.isEqualTo("Apps");
		assertThat(DeploymentTestSupport.get(custom.rule(), "metadata.labels.release")).isEqualTo("prometheus");
		assertThat(custom.ruleExpressions().values()).allSatisfy(
				(expr) -> assertThat(expr).contains("{service=\"signet\"").doesNotContain("job=\"rel-signet\""));
	}

	@Test
	void lintStrictWithDashboardAndRulesEnabledPasses() throws IOException {
		// helm-java's lint takes no values file: lint a copy whose values.yaml enables
		// both.
		Path chart = this.temp.resolve("chart").resolve("signet");
		Files.createDirectories(chart);
		FileSystemUtils.copyRecursively(CHART, chart);
		Map<String, Object> values = HelmChartTests.merge(DeploymentTestSupport.load(CHART.resolve("values.yaml")),
				new Yaml().load(VALUES));
		Files.writeString(chart.resolve("values.yaml"), dump(values), StandardCharsets.UTF_8);
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.isFailed()).as(result.getMessages().toString()).isFalse();
		assertThat(result.getMessages())
			.noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void templateWhenThresholdIsNotAPositiveNumberFailsSchemaValidation() {
		assertThatIllegalStateException()
			.isThrownBy(() -> render("prometheusRule: {enabled: true, thresholds: {refusalRatio: 0}}"))
			.withMessageContaining("schema");
		assertThatIllegalStateException().isThrownBy(() -> render("grafana: {dashboard: {enabeld: true}}"))
			.withMessageContaining("schema");
	}

	@Test
	@Needs(Tool.PROMTOOL)
	void renderedRulesPassPromtoolCheckRules() throws Exception {
		Rendered rendered = render(VALUES);
		Path rules = this.temp.resolve("signet-rules.yaml");
		Files.writeString(rules, dump(DeploymentTestSupport.map(rendered.rule(), "spec")), StandardCharsets.UTF_8);
		DeploymentTestSupport.Result result = DeploymentTestSupport.run(this.temp, 60,
				List.of(Tool.PROMTOOL.location(), "check", "rules", rules.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS: " + rendered.rules().size() + " rules found");
		// The check can fail: an unbalanced expression is refused.
		Map<String, Object> first = rendered.rules().get(0);
		first.put("expr", first.get("expr") + ")");
		Files.writeString(rules, dump(DeploymentTestSupport.map(rendered.rule(), "spec")), StandardCharsets.UTF_8);
		DeploymentTestSupport.Result broken = DeploymentTestSupport.run(this.temp, 60,
				List.of(Tool.PROMTOOL.location(), "check", "rules", rules.toString()));
		assertThat(broken.exitCode()).as(broken.output()).isNotZero();
	}

	@Test
	@Needs(Tool.PROMTOOL)
	void assetRemovalFailingFiresOnlyWhileAttemptsFailAndRemovalsWait() throws Exception {
		Rendered rendered = render(VALUES);
		// promtool compares annotations too; the expression, for and labels are tested
		// here.
		rendered.rules().forEach((rule) -> rule.remove("annotations"));
		Files.writeString(this.temp.resolve("signet-rules.yaml"),
				dump(DeploymentTestSupport.map(rendered.rule(), "spec")), StandardCharsets.UTF_8);
		String series = "{namespace=\"apps\", job=\"rel-signet\", pod=\"signet-0\"";
		String failed = "'signet_assets_removals_total" + series + ", outcome=\"failed_attempt\"}'";
		String pending = "'signet_assets_removals_pending" + series + "}'";
		String alert = "        alertname: SignetAssetRemovalFailing\n";
		String none = "        exp_alerts: []\n";
		String tests = "rule_files: [signet-rules.yaml]\nevaluation_interval: 1m\ntests:\n"
				// Failing while removals wait: fires once it lasted 15 minutes.
				+ "  - interval: 1m\n    input_series:\n      - series: " + failed + "\n        values: '0+1x60'\n"
				+ "      - series: " + pending + "\n        values: '1x60'\n    alert_rule_test:\n"
				+ "      - eval_time: 10m\n" + alert + none + "      - eval_time: 40m\n" + alert
				+ "        exp_alerts:\n          - exp_labels: {namespace: apps, job: rel-signet, severity: warning}\n"
				// Attempts failed, but nothing waits any more (Cloudinary recovered).
				+ "  - interval: 1m\n    input_series:\n      - series: " + failed + "\n        values: '0+1x60'\n"
				+ "      - series: " + pending + "\n        values: '0x60'\n    alert_rule_test:\n"
				+ "      - eval_time: 40m\n" + alert + none
				// Removals wait without failing (in flight): no alert.
				+ "  - interval: 1m\n    input_series:\n      - series: " + failed + "\n        values: '0x60'\n"
				+ "      - series: " + pending + "\n        values: '2x60'\n    alert_rule_test:\n"
				+ "      - eval_time: 40m\n" + alert + none;
		Path file = this.temp.resolve("signet-rules-test.yaml");
		Files.writeString(file, tests, StandardCharsets.UTF_8);
		DeploymentTestSupport.Result result = DeploymentTestSupport.run(this.temp, 60,
				List.of(Tool.PROMTOOL.location(), "test", "rules", file.toString()));
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("SUCCESS");
		// The test can fail: expecting no alert while it fires is refused.
		Files.writeString(file, tests.replace("        exp_alerts:\n          - exp_labels: {namespace: apps, "
				+ "job: rel-signet, severity: warning}\n", none), StandardCharsets.UTF_8);
		DeploymentTestSupport.Result broken = DeploymentTestSupport.run(this.temp, 60,
				List.of(Tool.PROMTOOL.location(), "test", "rules", file.toString()));
		assertThat(broken.exitCode()).as(broken.output()).isNotZero();
	}

	/**
	 * Uses every endpoint the dashboard shows, so that its counters exist, and scrapes
	 * Signet.
	 * @return the exported metric names, each with its labels and their values
	 */
	private Map<String, Map<String, Set<String>>> exerciseAndScrape() {
		Http http = new Http(this.port);
		String body = "{\"params\": {\"folder\": \"uploads\"}}";
		String backend = "backend-key-fedcba9876543210";
		assertThat(sign(http, backend, "/v1/signatures", body).status()).isEqualTo(200);
		assertThat(sign(http, backend, "/v1/signatures", "{\"profile\": \"nope\", \"params\": {}}").status())
			.isBetween(400, 404);
		Response session = sign(http, backend, "/v1/uploads",
				"{\"profile\": \"video\", \"resource_type\": \"video\", \"params\": {\"folder\": \"trips\"}, "
						+ "\"bytes\": 15000000, \"filename\": \"trip.mp4\", \"content_type\": \"video/mp4\"}");
		assertThat(session.status()).as(session.body()).isEqualTo(201);
		String id = session.json().get("upload_id").stringValue();
		assertThat(sign(http, backend, "/v1/uploads/" + id + "/signature", "{}").status()).isEqualTo(200);
		assertThat(http.send("DELETE", "/v1/uploads/" + id, null, "X-Api-Key", backend).status()).isEqualTo(204);
		Response bearer = http.send("POST", "/v1/signatures", body, "Content-Type", "application/json", "Authorization",
				"Bearer " + jwks.token("alice"));
		assertThat(bearer.status()).as(bearer.body()).isEqualTo(200);
		// The default limit: 10 signatures per minute per caller.
		int status = 0;
		for (int i = 0; i < 30 && status != 429; i++) {
			status = sign(http, TestAccounts.CLIENT_KEY, "/v1/signatures", body).status();
		}
		assertThat(status).isEqualTo(429);
		byte[] notification = "{\"notification_type\":\"upload\",\"public_id\":\"dashboard\"}"
			.getBytes(StandardCharsets.UTF_8);
		String timestamp = Long.toString(Instant.now().getEpochSecond());
		String signature = NotificationSignature.compute(notification, timestamp,
				ApiSecret.of(TestAccounts.CANARY_SECRET), SignatureAlgorithm.SHA1);
		Response verified = http.send("POST", "/v1/notifications/verify",
				new String(notification, StandardCharsets.UTF_8), "Content-Type", "application/json", "X-Api-Key",
				backend, "X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp);
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
		Response received = http.send("POST", "/v1/notifications/cloudinary",
				new String(notification, StandardCharsets.UTF_8), "Content-Type", "application/json", "X-Cld-Signature",
				signature, "X-Cld-Timestamp", timestamp);
		assertThat(received.status()).as(received.body()).isEqualTo(200);
		assertThat(Eventually.within(Duration.ofSeconds(20),
				() -> scrape(http).containsKey("signet_notifications_forward_failed_total")))
			.as("the notification was given up")
			.isTrue();
		return scrape(http);
	}

	private static Response sign(Http http, String key, String path, String body) {
		return http.send("POST", path, body, "Content-Type", "application/json", "X-Api-Key", key);
	}

	private static Map<String, Map<String, Set<String>>> scrape(Http http) {
		Response response = http.send("GET", "/actuator/prometheus", null);
		assertThat(response.status()).isEqualTo(200);
		Map<String, Map<String, Set<String>>> metrics = new LinkedHashMap<>();
		for (String line : response.body().split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int brace = line.indexOf('{');
			int space = line.indexOf(' ');
			String name = line.substring(0, (brace >= 0 && brace < space) ? brace : space);
			Map<String, Set<String>> labels = metrics.computeIfAbsent(name, (k) -> new TreeMap<>());
			if (brace >= 0 && brace < space) {
				Matcher matcher = LABEL.matcher(line.substring(brace, line.lastIndexOf('}') + 1));
				while (matcher.find()) {
					labels.computeIfAbsent(matcher.group(1), (k) -> new TreeSet<>())
						.add(matcher.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
				}
			}
		}
		return metrics;
	}

	private static Map<String, Set<String>> labels(Map<String, List<LabelMatch>> selectors) {
		Map<String, Set<String>> labels = new LinkedHashMap<>();
		selectors.forEach((metric, matches) -> labels.put(metric,
				matches.stream().map(LabelMatch::label).collect(Collectors.toCollection(LinkedHashSet::new))));
		return labels;
	}

	/**
	 * The metrics a PromQL expression (or a Grafana {@code label_values} query) selects,
	 * each with the label matchers of its selector. Enough PromQL for the chart's
	 * queries: strings, ranges, numbers, functions, aggregations and their grouping
	 * clauses are told apart from metric names.
	 * @param expression the expression
	 * @return metric name to its selector's label matchers
	 */
	static Map<String, List<LabelMatch>> selectors(String expression) {
		Map<String, List<LabelMatch>> found = new LinkedHashMap<>();
		String expr = expression.strip();
		Matcher labelValues = LABEL_VALUES.matcher(expr);
		String extraLabel = null;
		if (labelValues.matches()) {
			expr = labelValues.group(1);
			extraLabel = labelValues.group(2);
		}
		String last = null;
		int i = 0;
		while (i < expr.length()) {
			char c = expr.charAt(i);
			if (c == '"' || c == '\'' || c == '`') {
				i = endOfString(expr, i) + 1;
			}
			else if (c == '[') {
				i = expr.indexOf(']', i) + 1;
				last = null;
			}
			else if (c == '{') {
				int end = endOfSelector(expr, i);
				if (last != null) {
					found.get(last).addAll(labelMatches(expr.substring(i + 1, end)));
				}
				i = end + 1;
				last = null;
			}
			else if (Character.isDigit(c)
					|| (c == '.' && i + 1 < expr.length() && Character.isDigit(expr.charAt(i + 1)))) {
				i = endOfNumber(expr, i);
				last = null;
			}
			else if (Character.isLetter(c) || c == '_' || c == ':') {
				int end = i;
				while (end < expr.length() && (Character.isLetterOrDigit(expr.charAt(end)) || expr.charAt(end) == '_'
						|| expr.charAt(end) == ':')) {
					end++;
				}
				String word = expr.substring(i, end);
				int next = end;
				while (next < expr.length() && Character.isWhitespace(expr.charAt(next))) {
					next++;
				}
				boolean call = next < expr.length() && expr.charAt(next) == '(';
				if (GROUPING.contains(word.toLowerCase(Locale.ROOT)) && call) {
					next = expr.indexOf(')', next) + 1;
					last = null;
				}
				else if ("offset".equalsIgnoreCase(word)) {
					// offset 1h: skip the duration
					while (next < expr.length() && !Character.isWhitespace(expr.charAt(next))
							&& expr.charAt(next) != ')') {
						next++;
					}
					last = null;
				}
				else if (call || KEYWORDS.contains(word.toLowerCase(Locale.ROOT))) {
					last = null;
				}
				else {
					found.computeIfAbsent(word, (k) -> new ArrayList<>());
					last = word;
				}
				i = (next > end) ? next : end;
			}
			else {
				if (!Character.isWhitespace(c)) {
					last = null;
				}
				i++;
			}
		}
		if (extraLabel != null) {
			for (List<LabelMatch> matches : found.values()) {
				matches.add(new LabelMatch(extraLabel, "=~", ".+"));
			}
		}
		return found;
	}

	private static int endOfString(String expr, int start) {
		char quote = expr.charAt(start);
		int i = start + 1;
		while (i < expr.length() && expr.charAt(i) != quote) {
			i += (expr.charAt(i) == '\\' && quote != '`') ? 2 : 1;
		}
		return i;
	}

	private static int endOfSelector(String expr, int start) {
		int i = start + 1;
		while (i < expr.length() && expr.charAt(i) != '}') {
			char c = expr.charAt(i);
			i = (c == '"' || c == '\'' || c == '`') ? endOfString(expr, i) + 1 : i + 1;
		}
		return i;
	}

	private static int endOfNumber(String expr, int start) {
		int i = start;
		while (i < expr.length()) {
			char c = expr.charAt(i);
			if (Character.isDigit(c) || c == '.') {
				i++;
			}
			else if ((c == 'e' || c == 'E') && i + 1 < expr.length() && (Character.isDigit(expr.charAt(i + 1))
					|| expr.charAt(i + 1) == '-' || expr.charAt(i + 1) == '+')) {
				i += 2;
			}
			else {
				break;
			}
		}
		return i;
	}

	private static List<LabelMatch> labelMatches(String matchers) {
		List<LabelMatch> matches = new ArrayList<>();
		Matcher matcher = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
			.matcher(matchers);
		while (matcher.find()) {
			matches.add(new LabelMatch(matcher.group(1), matcher.group(2), matcher.group(3).replace("\\\\", "\\")));
		}
		return matches;
	}

	private Rendered render(String values) throws IOException {
		Path file = Files.createTempFile(this.temp, "values", ".yaml");
		Files.writeString(file, values, StandardCharsets.UTF_8);
		String text = new Helm(CHART).template().withName("rel").withNamespace("apps").withValuesFile(file).call();
		List<Map<String, Object>> objects = new ArrayList<>();
		for (Object document : new Yaml().loadAll(text)) {
			if (document != null) {
				objects.add(DeploymentTestSupport.asMap(document));
			}
		}
		return new Rendered(objects);
	}

	private static String dump(Map<String, Object> map) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setSplitLines(false);
		return new Yaml(options).dump(map);
	}

	/**
	 * One label matcher of a selector.
	 *
	 * @param label the label name
	 * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
	 * @param value the value or regular expression (PromQL's regular expressions match
	 * the whole value)
	 */
	record LabelMatch(String label, String op, String value) {

		/**
		 * Whether a series with this value of the label is selected. A value holding a
		 * Grafana variable ({@code $job}) selects any value.
		 * @param actual the series' value
		 * @return whether it is selected
		 */
		boolean selects(String actual) {
			if (this.value.contains("$")) {
				return true;
			}
			return switch (this.op) {
				case "=" -> this.value.equals(actual);
				case "!=" -> !this.value.equals(actual);
				case "=~" -> Pattern.matches(this.value, actual);
				default -> !Pattern.matches(this.value, actual);
			};
		}

		@Override
		public String toString() {
			return this.label + this.op + "\"" + this.value + "\"";
		}

	}

	/**
	 * The objects {@code helm template} rendered.
	 *
	 * @param objects the objects
	 */
	private record Rendered(List<Map<String, Object>> objects) {

		Map<String, Object> dashboard() {
			return this.objects.stream()
				.filter((object) -> "ConfigMap".equals(object.get("kind")))
				.filter((object) -> DeploymentTestSupport.string(object, "metadata.name").endsWith("-dashboard"))
				.findFirst()
				.orElseThrow();
		}

		Map<String, Object> rule() {
			return this.objects.stream()
				.filter((object) -> "PrometheusRule".equals(object.get("kind")))
				.findFirst()
				.orElseThrow();
		}

		List<Map<String, Object>> rules() {
			List<Map<String, Object>> rules = new ArrayList<>();
			for (Object group : DeploymentTestSupport.list(rule(), "spec.groups")) {
				for (Object rule : DeploymentTestSupport.list(group, "rules")) {
					rules.add(DeploymentTestSupport.asMap(rule));
				}
			}
			return rules;
		}

		Map<String, String> ruleExpressions() {
			Map<String, String> expressions = new LinkedHashMap<>();
			for (Map<String, Object> rule : rules()) {
				expressions.put((String) rule.get("alert"), DeploymentTestSupport.string(rule, "expr"));
			}
			return expressions;
		}

		/**
		 * Every query of the dashboard: the panels' targets (rows' panels included) and
		 * the query variables.
		 */
		List<String> dashboardExpressions() {
			JsonNode json = JSON.readTree((String) DeploymentTestSupport.map(dashboard(), "data").get("signet.json"));
			List<String> expressions = new ArrayList<>();
			for (JsonNode expr : json.findValues("expr")) {
				expressions.add(expr.stringValue());
			}
			for (JsonNode variable : json.path("templating").path("list")) {
				if ("query".equals(variable.path("type").stringValue())) {
					JsonNode query = variable.path("query");
					expressions.add(query.isObject() ? query.path("query").stringValue() : query.stringValue());
				}
			}
			return expressions;
		}

	}

}
