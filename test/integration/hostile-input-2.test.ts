// Hostile input on every form (see hostile-input.suite.ts), part 2 of 2.
import { hostileInputSuite } from "./hostile-input.suite";

hostileInputSuite(1, 2);
