package org.loyaltyengine.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

import org.loyaltyengine.spi.LoyaltyException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code bin/loyalty}: the analysts' tool for a rule folder (SPEC X-11). Each task is a sub-command class;
 * a new one is one more class named in {@link Command#subcommands()}.
 */
@Command(name = "loyalty", mixinStandardHelpOptions = true, versionProvider = LoyaltyCli.Version.class,
        description = "Checks and tries out the rule sets analysts edit (a folder laid out as"
                + " <set>/v<N>/ruleset.properties, *.drl, scenarios/*.scenario).",
        subcommands = {VerifyCommand.class, TestCommand.class, WhatIfCommand.class, ExplainCommand.class,
                CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:all is well",
                "1:problems found (rules that do not verify, scenarios that fail)",
                "2:usage error (an unknown command or option, a rules folder that does not exist)"})
public final class LoyaltyCli implements Runnable {
    /** Nothing wrong found. */
    static final int OK = 0;
    /**
     * The rules or their scenarios have problems: the reason to run the tool in a script. (A usage error is 2,
     * picocli's {@code ExitCode.USAGE}, which it returns itself.)
     */
    static final int PROBLEMS = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Hibernate (reading a live store's log) logs through JBoss Logging, which would pick java.util.logging and
        // print its start-up notes; through SLF4J it follows simplelogger.properties like everything else.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the tool as {@code main} does, printing to {@code out} and {@code err}; returns the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new LoyaltyCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            // Not a problem of the rules but of the tool or the machine (an unreadable file): said in one
            // line, with the cause, and counted as a failure a script notices.
            line.getErr().println("loyalty " + line.getCommandName() + ": " + describe(e));
            return PROBLEMS;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static String describe(Exception e) {
        if (e instanceof LoyaltyException le) {
            return le.code() + ": " + le.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Without a command: the usage, and a usage error, since nothing was asked. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: verify, test, whatif or explain");
    }

    /** The version the build wrote into {@code loyalty-cli.properties}. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = LoyaltyCli.class.getResourceAsStream("/loyalty-cli.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"loyalty " + p.getProperty("version", "(unknown version)")
                    + " (Loyalty Engine rule tools; Java " + System.getProperty("java.version") + ")"};
        }
    }
}
