package dev.signet.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import dev.signet.support.Needs;
import dev.signet.support.Tool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for the Helm chart in {@code helm/signet}, with real Helm (helm-java): lint
 * {@code --strict} and {@code template} with the default values and with
 * {@code ci/production-values.yaml}, asserting on the rendered objects.
 *
 * @author Signet developers
 */
class HelmChartTests {

	static final Path CHART = Path.of("helm/signet").toAbsolutePath();

	static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");

	private static final String RELEASE = "rel";

	private static final String FULLNAME = "rel-signet";

	@TempDir
	Path temp;

	@Test
	void lintStrictWithDefaultValuesPasses() {
		LintResult result = new Helm(CHART).lint().strict().call();
		assertThat(result.isFailed()).as(result.getMessages().toString()).isFalse();
		assertThat(result.getMessages())
			.noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void lintStrictWithProductionValuesPasses() throws IOException {
		// helm-java's lint takes no values file: lint a copy whose values.yaml is the
		// defaults merged with the production values, as Helm merges them.
		Path chart = copyChart();
		Map<String, Object> merged = merge(DeploymentTestSupport.load(CHART.resolve("values.yaml")),
				DeploymentTestSupport.load(PRODUCTION_VALUES));
		Files.writeString(chart.resolve("values.yaml"), dump(merged), StandardCharsets.UTF_8);
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.isFailed()).as(result.getMessages().toString()).isFalse();
	}

	@Test
	void lintStrictWhenTemplateIsBrokenFails() throws IOException {
		Path chart = copyChart();
		Files.writeString(chart.resolve("templates/broken.yaml"), "{{ if .Values.replicaCount }}\nkind: x\n",
				StandardCharsets.UTF_8);
		assertThat(new Helm(chart).lint().strict().call().isFailed()).isTrue();
	}

	@Test
	void templateWithDefaultValuesRendersTheExpectedObjects() {
		Manifests manifests = render("");
		assertThat(manifests.kinds()).containsExactlyInAnyOrder("ServiceAccount", "Secret", "ConfigMap", "Service",
				"Deployment");
	}

	@Test
	void templateWithProductionValuesRendersTheExpectedObjects() {
		Manifests manifests = renderProduction();
		assertThat(manifests.kinds()).containsExactlyInAnyOrder("ServiceAccount", "ConfigMap", "Service", "Deployment",
				"HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "ServiceMonitor");
	}

	@Test
	void templateRendersStartupLivenessAndReadinessProbesOnTheHttpPort() {
		for (Manifests manifests : List.of(render(""), renderProduction())) {
			Map<String, Object> container = manifests.container();
			assertThat(DeploymentTestSupport.get(container, "startupProbe.httpGet.path")).isEqualTo("/livez");
			assertThat(DeploymentTestSupport.get(container, "livenessProbe.httpGet.path")).isEqualTo("/livez");
			assertThat(DeploymentTestSupport.get(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(DeploymentTestSupport.get(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
				assertThat(DeploymentTestSupport.integer(container, probe + ".periodSeconds")).as(probe).isPositive();
			}
			assertThat(DeploymentTestSupport.list(container, "ports"))
				.containsExactly(Map.of("name", "http", "containerPort", 8080, "protocol", "TCP"));
			// The start-up probe gives a cold JVM on a busy node at least a minute.
			assertThat(DeploymentTestSupport.integer(container, "startupProbe.periodSeconds")
					* DeploymentTestSupport.integer(container, "startupProbe.failureThreshold"))
				.isGreaterThanOrEqualTo(60);
		}
	}

	@Test
	void templateRendersRestrictedSecurityContext() {
		for (Manifests manifests : List.of(render(""), renderProduction())) {
			Map<String, Object> pod = manifests.podSpec();
			assertThat(DeploymentTestSupport.get(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
			assertThat(DeploymentTestSupport.get(pod, "securityContext.seccompProfile.type"))
				.isEqualTo("RuntimeDefault");
			assertThat(DeploymentTestSupport.get(pod, "automountServiceAccountToken")).isEqualTo(false);
			Map<String, Object> container = manifests.container();
			assertThat(DeploymentTestSupport.get(container, "securityContext.runAsNonRoot")).isEqualTo(true);
			assertThat(DeploymentTestSupport.integer(container, "securityContext.runAsUser")).isPositive();
			assertThat(DeploymentTestSupport.get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(DeploymentTestSupport.get(container, "securityContext.allowPrivilegeEscalation"))
				.isEqualTo(false);
			assertThat(DeploymentTestSupport.get(container, "securityContext.privileged")).isEqualTo(false);
			assertThat(DeploymentTestSupport.get(container, "securityContext.capabilities.drop"))
				.isEqualTo(List.of("ALL"));
			assertThat(DeploymentTestSupport.get(container, "securityContext.capabilities.add")).isNull();
			assertThat(DeploymentTestSupport.get(container, "securityContext.seccompProfile.type"))
				.isEqualTo("RuntimeDefault");
			// Read-only root: /tmp is the one writable place.
			assertThat(DeploymentTestSupport.list(container, "volumeMounts"))
				.contains(Map.of("name", "tmp", "mountPath", "/tmp"));
			assertThat(DeploymentTestSupport.list(pod, "volumes")).anySatisfy((volume) -> {
				assertThat(DeploymentTestSupport.get(volume, "name")).isEqualTo("tmp");
				assertThat(DeploymentTestSupport.get(volume, "emptyDir.sizeLimit")).isNotNull();
			});
			assertThat(manifests.single("ServiceAccount").get("automountServiceAccountToken")).isEqualTo(false);
		}
	}

	@Test
	void templateWhenExistingSecretSetRendersNoInlineSecret() {
		for (Manifests manifests : List.of(render("secret: {existingSecret: my-credentials}"), renderProduction())) {
			assertThat(manifests.ofKind("Secret")).isEmpty();
			String secretName = manifests.kinds().contains("HorizontalPodAutoscaler") ? "signet-credentials"
					: "my-credentials";
			Map<String, Object> volume = manifests.volume("secrets");
			assertThat(DeploymentTestSupport.get(volume, "secret.secretName")).isEqualTo(secretName);
			assertThat(DeploymentTestSupport.list(volume, "secret.items"))
				.extracting((item) -> DeploymentTestSupport.get(item, "path"))
				.containsExactly("CLOUDINARY_URL", "SIGNET_API_KEYS");
			assertThat(DeploymentTestSupport.get(manifests.podTemplate(), "metadata.annotations"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.containsKey("checksum/config")
				.doesNotContainKey("checksum/secret");
			assertThat(manifests.text()).doesNotContain("cloudinary://");
		}
	}

	@Test
	void templateWhenExistingSecretHasOtherKeysMountsThemUnderTheSettingNames() {
		Manifests manifests = render("secret: {existingSecret: vault-sync, cloudinaryUrlKey: url, apiKeysKey: ''}");
		assertThat(DeploymentTestSupport.list(manifests.volume("secrets"), "secret.items"))
			.containsExactly(Map.of("key", "url", "path", "CLOUDINARY_URL"));
	}

	@Test
	void templateWhenExistingSecretAndInlineValuesSetFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> render("secret: {existingSecret: creds, cloudinaryUrl: 'cloudinary://1:s@c'}"))
			.withMessageContaining("must be empty when secret.existingSecret is set");
	}

	@Test
	void templateWithInlineSecretValuesMountsThemAsFilesNeverAsEnvironment() {
		String url = "cloudinary://123456789012345:not-a-real-secret@demo";
		Manifests manifests = render("secret: {cloudinaryUrl: '" + url + "', apiKeys: 'app:0123456789abcdef0123'}");
		Map<String, Object> data = DeploymentTestSupport.map(manifests.single("Secret"), "data");
		assertThat(decode(data.get("CLOUDINARY_URL"))).isEqualTo(url);
		assertThat(decode(data.get("SIGNET_API_KEYS"))).isEqualTo("app:0123456789abcdef0123");
		assertThat(DeploymentTestSupport.get(manifests.volume("secrets"), "secret.secretName")).isEqualTo(FULLNAME);
		assertThat(DeploymentTestSupport.list(manifests.container(), "volumeMounts"))
			.contains(Map.of("name", "secrets", "mountPath", "/run/secrets/signet", "readOnly", true));
		assertThat(DeploymentTestSupport.get(manifests.single("ConfigMap"), "data.SIGNET_CONFIG_TREE"))
			.isEqualTo("/run/secrets/signet/");
		assertThat(DeploymentTestSupport.get(manifests.container(), "env")).isNull();
		assertThat(manifests.single("ConfigMap").toString()).doesNotContain("not-a-real-secret");
		// A changed secret rolls the pods.
		assertThat(DeploymentTestSupport.get(manifests.podTemplate(), "metadata.annotations"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.containsKey("checksum/secret");
	}

	@Test
	void templateWhenAutoscalingDisabledRendersNoHpaAndFixedReplicas() {
		Manifests manifests = render("replicaCount: 3");
		assertThat(manifests.ofKind("HorizontalPodAutoscaler")).isEmpty();
		assertThat(DeploymentTestSupport.get(manifests.single("Deployment"), "spec.replicas")).isEqualTo(3);
	}

	@Test
	void templateWhenAutoscalingEnabledRendersHpaAndLeavesReplicasToIt() {
		Manifests manifests = render("autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 5}");
		Map<String, Object> hpa = manifests.single("HorizontalPodAutoscaler");
		assertThat(DeploymentTestSupport.get(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
		assertThat(DeploymentTestSupport.get(hpa, "spec.scaleTargetRef.name")).isEqualTo(FULLNAME);
		assertThat(DeploymentTestSupport.get(hpa, "spec.minReplicas")).isEqualTo(2);
		assertThat(DeploymentTestSupport.get(hpa, "spec.maxReplicas")).isEqualTo(5);
		assertThat(DeploymentTestSupport.get(manifests.single("Deployment"), "spec"))
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.doesNotContainKey("replicas");
	}

	@Test
	void templateWhenSingleReplicaRendersNoPdb() {
		assertThat(render("replicaCount: 1").ofKind("PodDisruptionBudget")).isEmpty();
		assertThat(render("autoscaling: {enabled: true, minReplicas: 1}").ofKind("PodDisruptionBudget")).isEmpty();
	}

	@Test
	void templateWhenSeveralReplicasRendersPdbSelectingThePods() {
		for (Manifests manifests : List.of(render("replicaCount: 2"),
				render("autoscaling: {enabled: true, minReplicas: 3}"))) {
			Map<String, Object> pdb = manifests.single("PodDisruptionBudget");
			assertThat(DeploymentTestSupport.get(pdb, "spec.maxUnavailable")).isEqualTo(1);
			Map<String, Object> selector = DeploymentTestSupport.map(pdb, "spec.selector.matchLabels");
			assertThat(DeploymentTestSupport.map(manifests.podTemplate(), "metadata.labels"))
				.containsAllEntriesOf(selector);
		}
		assertThat(render("replicaCount: 2\npodDisruptionBudget: {enabled: false}").ofKind("PodDisruptionBudget"))
			.isEmpty();
	}

	@Test
	void templateGivesAGracePeriodCoveringPreStopSleepAndGracefulShutdown() {
		Manifests manifests = render("");
		assertThat(DeploymentTestSupport.get(manifests.podSpec(), "terminationGracePeriodSeconds"))
			.isEqualTo(10 + 20 + 10);
		assertThat(DeploymentTestSupport.get(manifests.container(), "lifecycle.preStop.exec.command"))
			.isEqualTo(List.of("sleep", "10"));
		assertThat(DeploymentTestSupport.get(manifests.single("ConfigMap"),
				"data.SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE"))
			.isEqualTo("20s");
		Manifests production = renderProduction();
		assertThat(DeploymentTestSupport.get(production.podSpec(), "terminationGracePeriodSeconds")).isEqualTo(45);
		assertThat(DeploymentTestSupport.get(production.container(), "lifecycle.preStop.exec.command"))
			.isEqualTo(List.of("sleep", "15"));
	}

	@Test
	void templateOnKubernetes130OrLaterUsesThePreStopSleepAction() {
		Manifests manifests = new Manifests(template().withKubeVersion("1.31.0").set("preStopSleepSeconds", 7).call());
		assertThat(DeploymentTestSupport.get(manifests.container(), "lifecycle.preStop"))
			.isEqualTo(Map.of("sleep", Map.of("seconds", 7)));
	}

	@Test
	void templateWhenGracePeriodShorterThanShutdownFails() {
		assertThatIllegalStateException().isThrownBy(() -> render("terminationGracePeriodSeconds: 25"))
			.withMessageContaining("terminationGracePeriodSeconds (25) must be at least")
			.withMessageContaining("(30)");
	}

	@Test
	void templateWhenJwtIssuerHasNoAudienceFails() {
		assertThatIllegalStateException()
			.isThrownBy(() -> render("config: {jwt: {issuerUri: 'https://login.example.com'}}"))
			.withMessageContaining("config.jwt.audience is required");
	}

	@Test
	void templatePassesJwtAndCorsSettingsThroughTheConfigMap() {
		Map<String, Object> data = DeploymentTestSupport.map(renderProduction().single("ConfigMap"), "data");
		assertThat(data).containsEntry("SIGNET_JWT_ISSUER_URI", "https://login.example.com/realms/platform")
			.containsEntry("SIGNET_JWT_AUDIENCE", "signet")
			.containsEntry("SIGNET_JWT_SCOPE", "signet:sign")
			.containsEntry("SIGNET_CORS_ALLOWED_ORIGINS", "https://app.example.com,https://admin.example.com")
			.containsEntry("JAVA_TOOL_OPTIONS", "-Xlog:gc:stderr");
	}

	@Test
	void templateTrustsNoForwardingProxyUnlessTrustedProxiesAreNamed() {
		assertThat(DeploymentTestSupport.get(render("").single("ConfigMap"), "data.SIGNET_TRUSTED_PROXIES"))
			.isEqualTo("");
		assertThat(DeploymentTestSupport.get(
				render("config: {trustedProxies: ['10.0.0.0/8', 'fd00::/8']}").single("ConfigMap"),
				"data.SIGNET_TRUSTED_PROXIES"))
			.isEqualTo("10.0.0.0/8,fd00::/8");
		assertThatIllegalStateException().isThrownBy(() -> render("config: {trustedProxies: ['10.0.0.*']}"))
			.withMessageContaining("trustedProxies");
	}

	@Test
	void templateWhenPublicUrlSetPassesItToThePodsForNotifyProfiles() {
		Manifests set = render("config: {publicUrl: 'https://signet.example.com'}");
		assertThat(DeploymentTestSupport.get(set.single("ConfigMap"), "data.SIGNET_PUBLIC_URL"))
			.isEqualTo("https://signet.example.com");
		assertThat(DeploymentTestSupport.get(render("").single("ConfigMap"), "data.SIGNET_PUBLIC_URL")).isNull();
		assertThatIllegalStateException().isThrownBy(() -> render("config: {publicUrl: 'signet.example.com'}"))
			.withMessageContaining("publicUrl");
	}

	@Test
	void templateWhenRedisUrlSetPassesItToThePodsAsTheOneRedisSetting() {
		Manifests plain = render("config: {redisUrl: 'redis://redis-master:6379'}");
		assertThat(DeploymentTestSupport.get(plain.single("ConfigMap"), "data.SIGNET_REDIS_URL"))
			.isEqualTo("redis://redis-master:6379");
		assertThat(DeploymentTestSupport.get(plain.single("ConfigMap"), "data.SIGNET_RATE_LIMIT_REDIS_URL")).isNull();
		Manifests none = render("");
		assertThat(DeploymentTestSupport.get(none.single("ConfigMap"), "data.SIGNET_REDIS_URL")).isNull();
		Manifests fromSecret = renderProduction();
		assertThat(DeploymentTestSupport.get(fromSecret.single("ConfigMap"), "data.SIGNET_REDIS_URL")).isNull();
		assertThat(DeploymentTestSupport.list(fromSecret.container(), "env")).containsExactly(Map.of("name",
				"SIGNET_REDIS_URL", "valueFrom", Map.of("secretKeyRef", Map.of("name", "signet-redis", "key", "url"))));
	}

	@Test
	void templateRendersNetworkPolicyAndServiceMonitorOnlyWhenEnabled() {
		Manifests defaults = render("");
		assertThat(defaults.ofKind("NetworkPolicy")).isEmpty();
		assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
		Manifests production = renderProduction();
		Map<String, Object> policy = production.single("NetworkPolicy");
		assertThat(DeploymentTestSupport.get(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		assertThat(DeploymentTestSupport.list(policy, "spec.ingress")).hasSize(1);
		assertThat(DeploymentTestSupport.list(policy, "spec.egress")).first()
			.isEqualTo(Map.of("ports",
					List.of(Map.of("port", 53, "protocol", "UDP"), Map.of("port", 53, "protocol", "TCP"))));
		Map<String, Object> monitor = production.single("ServiceMonitor");
		assertThat(DeploymentTestSupport.list(monitor, "spec.endpoints")).first()
			.satisfies((endpoint) -> assertThat(DeploymentTestSupport.get(endpoint, "path"))
				.isEqualTo("/actuator/prometheus"));
		assertThat(DeploymentTestSupport.get(monitor, "metadata.labels.release")).isEqualTo("prometheus");
	}

	@Test
	void templateSpreadsPodsAcrossNodesByDefault() {
		List<Object> constraints = DeploymentTestSupport.list(render("").podSpec(), "topologySpreadConstraints");
		assertThat(constraints).extracting((constraint) -> DeploymentTestSupport.get(constraint, "topologyKey"))
			.containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
		assertThat(DeploymentTestSupport.get(render("spreadAcrossNodes: false").podSpec(), "topologySpreadConstraints"))
			.isNull();
	}

	@Test
	void templateUsesTheDigestWhenGivenElseTheAppVersion() {
		assertThat(DeploymentTestSupport.get(render("").container(), "image")).isEqualTo("signet:0.1.0");
		assertThat(DeploymentTestSupport.string(renderProduction().container(), "image"))
			.startsWith("registry.example.com/platform/signet@sha256:");
	}

	@Test
	void templateWhenValueIsMisspelledFailsSchemaValidation() {
		assertThatIllegalStateException().isThrownBy(() -> render("replicaCont: 3")).withMessageContaining("schema");
		assertThatIllegalStateException().isThrownBy(() -> render("config: {corsAllowedOrigins: ['*']}"))
			.withMessageContaining("schema");
	}

	@Test
	void helmTestPodChecksReadinessThroughTheServiceWithTheSignetImage() throws IOException {
		Path source = CHART.resolve("templates/tests/test-readiness.yaml");
		assertThat(Files.readString(source)).contains("helm.sh/hook: test");
		// helm-java's template leaves hooks out: render a copy without the hook
		// annotation.
		Path chart = copyChart();
		Path copy = chart.resolve("templates/tests/test-readiness.yaml");
		Files.writeString(copy, Files.readString(copy).replaceAll("(?m)^\\s*helm\\.sh/hook.*$\\n", ""));
		Manifests manifests = new Manifests(new Helm(chart).template().withName(RELEASE).call());
		Map<String, Object> pod = manifests.single("Pod");
		Map<String, Object> container = DeploymentTestSupport
			.asMap(DeploymentTestSupport.list(pod, "spec.containers").get(0));
		assertThat(DeploymentTestSupport.get(container, "image"))
			.isEqualTo(DeploymentTestSupport.get(manifests.container(), "image"));
		assertThat(DeploymentTestSupport.list(container, "command")).contains("dev.signet.deploy.ReadinessCheck",
				"http://" + FULLNAME + ":80/readyz");
		assertThat(DeploymentTestSupport.get(container, "securityContext"))
			.isEqualTo(DeploymentTestSupport.get(manifests.container(), "securityContext"));
		assertThat(DeploymentTestSupport.get(pod, "spec.restartPolicy")).isEqualTo("Never");
		Map<String, Object> serviceSelector = DeploymentTestSupport.map(manifests.single("Service"), "spec.selector");
		// Not selected by the Service (nor the PDB or NetworkPolicy, which use the same
		// labels).
		assertThat(DeploymentTestSupport.map(pod, "metadata.labels").entrySet().containsAll(serviceSelector.entrySet()))
			.isFalse();
		assertThat(DeploymentTestSupport.map(pod, "metadata.labels")).containsEntry("app.kubernetes.io/component",
				"test");
	}

	@Test
	void notesWhenNoSecretIsConfiguredWarnAndExplainHowToReachSignet() {
		String defaults = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("apps")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(defaults).contains("WARNING: no Cloudinary account is configured")
			.contains("kubectl -n apps port-forward service/" + FULLNAME + " 8080:80")
			.contains("curl -s http://127.0.0.1:8080/readyz")
			.contains("helm test " + RELEASE);
		String withSecret = new Helm(CHART).install()
			.withName(RELEASE)
			.withNamespace("apps")
			.set("secret.existingSecret", "creds")
			.dryRun()
			.clientOnly()
			.call()
			.getOutput();
		assertThat(withSecret).doesNotContain("WARNING").contains("rollout status deployment/" + FULLNAME);
	}

	@Test
	void everyValueIsDocumentedInValuesFileAndChartReadme() throws IOException {
		Set<String> values = new LinkedHashSet<>();
		leaves("", DeploymentTestSupport.load(CHART.resolve("values.yaml")), values);
		Set<String> documented = matches(Files.readString(CHART.resolve("values.yaml")),
				"(?m)^\\s*## @param (\\S+) \\S");
		Set<String> inReadme = matches(Files.readString(CHART.resolve("README.md")), "(?m)^\\| `([^`]+)` \\|");
		assertThat(documented).as("## @param lines in values.yaml").containsExactlyInAnyOrderElementsOf(values);
		assertThat(inReadme).as("values table in README.md").containsExactlyInAnyOrderElementsOf(values);
	}

	@Test
	@Needs(Tool.YAMLLINT)
	void renderedManifestsAndValuesPassYamllint() throws Exception {
		// Helm ends its output with a blank line; the documents themselves are linted.
		Path defaults = Files.writeString(this.temp.resolve("default.yaml"), render("").text().strip() + "\n");
		Path production = Files.writeString(this.temp.resolve("production.yaml"),
				renderProduction().text().strip() + "\n");
		DeploymentTestSupport.Result result = DeploymentTestSupport.yamllint(defaults, production,
				CHART.resolve("Chart.yaml"), CHART.resolve("values.yaml"), PRODUCTION_VALUES);
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	private TemplateCommand template() {
		return new Helm(CHART).template().withName(RELEASE).withNamespace("apps");
	}

	private Manifests render(String valuesYaml) {
		try {
			Path values = Files.createTempFile(this.temp, "values", ".yaml");
			Files.writeString(values, valuesYaml, StandardCharsets.UTF_8);
			return new Manifests(template().withValuesFile(values).call());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Manifests renderProduction() {
		return new Manifests(template().withValuesFile(PRODUCTION_VALUES).call());
	}

	private Path copyChart() throws IOException {
		Path copy = this.temp.resolve("chart-" + System.nanoTime()).resolve("signet");
		Files.createDirectories(copy);
		FileSystemUtils.copyRecursively(CHART, copy);
		return copy;
	}

	private static String dump(Map<String, Object> map) {
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		return new Yaml(options).dump(map);
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overrides) {
		Map<String, Object> merged = new LinkedHashMap<>(base);
		overrides.forEach((key, value) -> {
			if (value instanceof Map && merged.get(key) instanceof Map) {
				merged.put(key, merge((Map<String, Object>) merged.get(key), (Map<String, Object>) value));
			}
			else {
				merged.put(key, value);
			}
		});
		return merged;
	}

	@SuppressWarnings("unchecked")
	private static void leaves(String prefix, Map<String, Object> map, Set<String> into) {
		map.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
				leaves(path, (Map<String, Object>) value, into);
			}
			else {
				into.add(path);
			}
		});
	}

	private static Set<String> matches(String text, String regex) {
		Set<String> found = new LinkedHashSet<>();
		Matcher matcher = Pattern.compile(regex).matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

	private static String decode(Object base64) {
		return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
	}

	/**
	 * The objects that {@code helm template} rendered.
	 */
	static final class Manifests {

		private final String text;

		private final List<Map<String, Object>> objects = new ArrayList<>();

		@SuppressWarnings("unchecked")
		Manifests(String text) {
			this.text = text;
			for (Object document : new Yaml().loadAll(text)) {
				if (document != null) {
					this.objects.add((Map<String, Object>) document);
				}
			}
		}

		String text() {
			return this.text;
		}

		List<String> kinds() {
			return this.objects.stream().map((object) -> (String) object.get("kind")).toList();
		}

		List<Map<String, Object>> ofKind(String kind) {
			return this.objects.stream().filter((object) -> kind.equals(object.get("kind"))).toList();
		}

		Map<String, Object> single(String kind) {
			List<Map<String, Object>> found = ofKind(kind);
			assertThat(found).as("rendered %s objects", kind).hasSize(1);
			return found.get(0);
		}

		Map<String, Object> podTemplate() {
			return DeploymentTestSupport.map(single("Deployment"), "spec.template");
		}

		Map<String, Object> podSpec() {
			return DeploymentTestSupport.map(podTemplate(), "spec");
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> container() {
			List<Map<String, Object>> containers = (List<Map<String, Object>>) podSpec().get("containers");
			assertThat(containers).hasSize(1);
			return containers.get(0);
		}

		@SuppressWarnings("unchecked")
		Map<String, Object> volume(String name) {
			Stream<Map<String, Object>> volumes = ((List<Map<String, Object>>) podSpec().get("volumes")).stream();
			return volumes.filter((volume) -> name.equals(volume.get("name")))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no volume " + name));
		}

	}

}
