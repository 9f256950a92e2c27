package org.loyaltyengine.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSource;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What every command of the tool takes: the rules folder, and {@code --help}. A picocli mixin, so that the
 * commands to come (what-if, explain) declare it once, as {@code @Mixin RuleFolderArgument rules}.
 */
final class RuleFolderArgument {
    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    @Parameters(index = "0", paramLabel = "RULES-DIR", description = "the rules folder, e.g. rules")
    String dir;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /**
     * The folder, read; one that is not there is a usage error. Its files are read once, and every version
     * compiled from that one copy. Null, with the reasons printed as problems, when its files cannot be read
     * as text (a link out of the folder, a file that is not UTF-8).
     */
    RuleFolder open() {
        CommandLine line = command.commandLine();
        if (!Files.isDirectory(Path.of(dir))) {
            throw new CommandLine.ParameterException(line, "the rules folder " + dir + " does not exist or is not"
                    + " a folder");
        }
        try {
            return new RuleFolder(dir, RuleSource.folder(Path.of(dir)));
        } catch (RuleCompilationException e) {
            e.errors().forEach(r -> line.getOut().println(new Problem(RuleFolder.display(dir, r.file()), r.line(),
                    r.message())));
            line.getOut().println(line.getCommandName() + " " + dir + ": the folder cannot be read");
            return null;
        }
    }
}
