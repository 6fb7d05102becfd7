package org.winbackhub.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "validate", mixinStandardHelpOptions = true, description = "placeholder")
final class ValidateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
