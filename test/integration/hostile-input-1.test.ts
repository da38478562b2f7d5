// Hostile input on every form (see hostile-input.suite.ts), part 1 of 2.
import { hostileInputSuite } from "./hostile-input.suite";

hostileInputSuite(0, 2);
