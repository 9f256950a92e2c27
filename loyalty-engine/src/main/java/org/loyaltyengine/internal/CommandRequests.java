package org.loyaltyengine.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;

/**
 * Which request record each command takes, by command name and the record's class name: what turns a
 * logged {@code (command, request type, JSON)} back into the request (SPEC X-11). Each program's facade
 * registers its commands when the engine builds it. A name may take more than one request (the customer
 * card's {@code customer-card.enrol} enrols one customer or all); the log names the type, so the two are
 * told apart. Only registered types are ever read: a log cannot make the engine build any other class.
 */
public final class CommandRequests {
    /** Runs a request of a command again, as its facade runs it. */
    @FunctionalInterface
    public interface Runner<P> {
        Outcome run(CommandContext ctx, P request);
    }

    private record Registration(Class<?> type, Runner<Object> runner) {
    }

    private final CommandPipeline pipeline;
    private final Map<String, Map<String, Registration>> byCommand = new ConcurrentHashMap<>();

    CommandRequests(CommandPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Registers the request type of a command instance (type-checked against the command's own); a logged
     * request of it runs again through the pipeline with this instance, as the facade runs it.
     */
    public <P> void register(Command<P, ?> command, Class<P> type) {
        register(command.name(), type, (ctx, request) -> pipeline.run(ctx, request, command));
    }

    /** Registers the request type of a command built per call, by the name it runs under, and how to run it. */
    @SuppressWarnings("unchecked")
    public <P> void register(String command, Class<P> type, Runner<P> runner) {
        Checks.text(command, "command");
        Checks.notNull(type, "request type");
        Checks.notNull(runner, "runner");
        if (!type.isRecord()) {
            throw new InvalidValueException(command + " takes " + type.getName()
                    + ", which is not a record; a logged request is a record");
        }
        byCommand.computeIfAbsent(command, c -> new ConcurrentHashMap<>()).put(type.getName(),
                new Registration(type, (Runner<Object>) runner));
    }

    /** The request type {@code typeName} of {@code command}, if registered. */
    public Optional<Class<?>> type(String command, String typeName) {
        Map<String, Registration> types = byCommand.get(command);
        Registration r = types == null ? null : types.get(typeName);
        return Optional.ofNullable(r == null ? null : r.type());
    }

    /** Every registered command and the request types it takes, by name. */
    public Map<String, Set<Class<?>>> all() {
        Map<String, Set<Class<?>>> all = new TreeMap<>();
        byCommand.forEach((c, types) -> all.put(c, types.values().stream().map(Registration::type)
                .collect(java.util.stream.Collectors.toUnmodifiableSet())));
        return all;
    }

    /** Runs {@code request}, a request {@link #read} gave for {@code command}, again as its facade runs it. */
    public Outcome run(String command, CommandContext ctx, Object request) {
        Checks.notNull(request, "request");
        Map<String, Registration> types = byCommand.get(command);
        Registration r = types == null ? null : types.get(request.getClass().getName());
        if (r == null) {
            throw new InvalidValueException("command " + command + " takes no request of type "
                    + request.getClass().getName() + "; known: " + known(command));
        }
        return r.runner().run(ctx, request);
    }

    /** The request of {@code command} that {@code json} holds, of the registered type {@code typeName}. */
    public Object read(String command, String typeName, String json) {
        Class<?> type = type(command, typeName).orElseThrow(() -> new InvalidValueException("command " + command
                + " takes no request of type " + typeName + "; known: " + known(command)));
        return CanonicalJson.read(json, type);
    }

    private String known(String command) {
        Map<String, Registration> types = byCommand.get(command);
        return types == null ? "(no such command)" : new java.util.TreeSet<>(types.keySet()).toString();
    }

    /**
     * Whether {@code request} of {@code command} reads back from its JSON as an equal request. Run as an
     * assertion on every command (tests run with assertions on): a request a log could not rebuild is
     * found by the first test that sends one. A command of a program that registered others must be
     * registered itself; a name of no registered program (a test's own command) is only read back.
     */
    boolean roundTrips(String command, Object request, String json) {
        Class<?> type = request.getClass();
        if (byCommand.containsKey(command)) {
            if (type(command, type.getName()).isEmpty()) {
                throw new AssertionError(command + " ran with a " + type.getName() + ", which is not registered for it");
            }
        } else {
            String program = command.substring(0, Math.max(0, command.indexOf('.')) + 1);
            if (!program.isEmpty() && byCommand.keySet().stream().anyMatch(c -> c.startsWith(program))) {
                throw new AssertionError(command + " is not registered with its request type");
            }
        }
        Object back = CanonicalJson.read(json, type);
        if (!back.equals(request)) {
            throw new AssertionError(command + " does not read back from its JSON: " + json + " gave " + back
                    + " for " + request);
        }
        return true;
    }
}
