import type { GeneratedInputs } from '../generated-inputs.js';
import type { AccessStack } from '../stacks/access-stack.js';
import type { DataStack } from '../stacks/data-stack.js';
import type { ServiceStack } from '../stacks/service-stack.js';

export function acknowledgeFindings(_stacks: { data: DataStack; service: ServiceStack; access: AccessStack }, _generated: GeneratedInputs): void {}
