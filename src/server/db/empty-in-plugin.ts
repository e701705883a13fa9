import {
  BinaryOperationNode,
  OperationNodeTransformer,
  OperatorNode,
  PrimitiveValueListNode,
  ValueListNode,
  ValueNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';

/**
 * `where(col, 'in', [])` compiles to `col in ()`, which PostgreSQL refuses as a syntax error (a
 * 500 for, e.g., an admin whose scope has no region list). Every query goes through this
 * transformer: an empty `in` list becomes `1 = 0` (matches nothing) and an empty `not in` list
 * `1 = 1` (matches everything), which is what the list semantics say.
 */
class EmptyInListTransformer extends OperationNodeTransformer {
  protected override transformBinaryOperation(node: BinaryOperationNode): BinaryOperationNode {
    const op = OperatorNode.is(node.operator) ? node.operator.operator : null;
    if ((op === 'in' || op === 'not in') && isEmptyList(node.rightOperand)) {
      const one = ValueNode.createImmediate(1);
      return BinaryOperationNode.create(one, OperatorNode.create('='), ValueNode.createImmediate(op === 'in' ? 0 : 1));
    }
    return super.transformBinaryOperation(node);
  }
}

function isEmptyList(node: unknown): boolean {
  if (PrimitiveValueListNode.is(node as never)) return (node as PrimitiveValueListNode).values.length === 0;
  if (ValueListNode.is(node as never)) return (node as ValueListNode).values.length === 0;
  return false;
}

/** Installed on every Kysely instance of the app (see database.ts). */
export class EmptyInListPlugin implements KyselyPlugin {
  readonly #transformer = new EmptyInListTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
