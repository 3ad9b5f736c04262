import { z } from 'zod';
import { procedures } from '../../shared/api/procedures';

/** `GET /api`: every procedure with its access rule and JSON Schemas of input and output. */
export function describeApi() {
  return {
    name: '乡镇一站通 API',
    transport:
      'POST /api/<procedure>，请求体与应答均为 JSON；应答为 {ok:true,result} 或 {ok:false,error:{code,message,fieldErrors?,details?}}',
    procedures: Object.entries(procedures).map(([name, spec]) => ({
      name,
      summary: spec.summary,
      kind: spec.kind,
      access: spec.access,
      input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
      output: z.toJSONSchema(spec.output, { io: 'output', unrepresentable: 'any' }),
    })),
  };
}
