package org.loyaltyengine.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cold start (issue 14, P4): every default rule-set version compiled in a fresh JVM, once per fork. JMH's
 * single-shot mode times the first and only call of each fork, so the figure includes loading Drools' and the
 * engine's classes and an unwarmed JIT, as a host's start does; over many forks JMH reports the median
 * ({@code p0.50}), the spread (min, max, the percentiles) and every fork's time in the JSON.
 * <ul>
 * <li>{@code engine}: an engine built on the in-memory store with the packaged rules, {@code verifyRules()}:
 * every version parsed, checked by the rule gate and compiled to a KieBase with its session pool, the versions side
 * by side on the machine's processors.</li>
 * <li>{@code rawDrools}: the baseline, plain Drools on the same files: a {@code KnowledgeBuilder} per rule-set
 * version fed its DRL files, and its KieBase. No gate, no engine.</li>
 * </ul>
 * Run (30 forks each, a few seconds per fork):
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar ColdStartBenchmark -f 30 -rf json -rff cold-start.json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 30, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ColdStartBenchmark {

    @Benchmark
    public LoyaltyEngine engine() {
        LoyaltyEngine engine = LoyaltyEngine.builder().rules(RuleSource.defaults()).build();
        engine.verifyRules();
        return engine;
    }

    @Benchmark
    public List<KieBase> rawDrools() {
        // The packaged files by version folder (the file's parent path), as the engine groups them.
        Map<String, List<String>> byVersion = new TreeMap<>();
        for (Map.Entry<String, String> file : RuleSource.defaults().files().entrySet()) {
            String path = file.getKey();
            if (path.endsWith(".drl")) {
                byVersion.computeIfAbsent(path.substring(0, path.lastIndexOf('/')), k -> new ArrayList<>())
                        .add(file.getValue());
            }
        }
        if (byVersion.isEmpty()) {
            throw new IllegalStateException("no packaged rule files");
        }
        List<KieBase> bases = new ArrayList<>();
        for (List<String> texts : byVersion.values()) {
            KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
            for (String text : texts) {
                kb.add(ResourceFactory.newByteArrayResource(text.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
            }
            if (kb.hasErrors()) {
                throw new IllegalStateException("the packaged rules do not compile: " + kb.getErrors());
            }
            bases.add(kb.newKieBase());
        }
        return bases;
    }
}
