import { Button, Checkbox, Flex, Tag, Typography } from 'antd';
import { MATERIAL_FORM_LABELS, type MaterialForm } from '../../shared/catalog/catalog';

/** A material as the catalog lists it and a case keeps it. */
export interface ChecklistMaterial {
  name: string;
  form: MaterialForm;
  copies: number;
  required: boolean;
  note?: string;
}

/** 原件及复印件 1 份 */
export function materialForm(material: Pick<ChecklistMaterial, 'form' | 'copies'>): string {
  return `${MATERIAL_FORM_LABELS[material.form]} ${material.copies} 份`;
}

/** The required materials not ticked, in the catalog's order. */
export function missingRequired(materials: readonly ChecklistMaterial[], received: readonly string[]): string[] {
  return materials.filter((m) => m.required && !received.includes(m.name)).map((m) => m.name);
}

interface Props {
  /** Prefixes the checkbox ids, so a page may hold two lists. */
  id: string;
  materials: readonly ChecklistMaterial[];
  value?: string[];
  onChange?: (received: string[]) => void;
  disabled?: boolean;
}

/** The item's materials as ticks: what the resident handed over. Required ones are marked 必需. */
export function MaterialsChecklist({ id, materials, value = [], onChange, disabled }: Props) {
  if (materials.length === 0) {
    return <Typography.Text type="secondary">该事项不需要提交材料。</Typography.Text>;
  }
  const toggle = (name: string, checked: boolean) => {
    const next = checked ? [...value.filter((n) => n !== name), name] : value.filter((n) => n !== name);
    // Kept in the catalog's order, whatever order they were ticked in.
    onChange?.(materials.map((m) => m.name).filter((n) => next.includes(n)));
  };
  const allTicked = materials.every((m) => value.includes(m.name));
  return (
    <Flex vertical gap={6} role="group" aria-label="申请材料">
      {materials.map((material, index) => (
        <Flex key={material.name} gap={8} align="baseline" wrap>
          <Checkbox
            id={`${id}-${index}`}
            checked={value.includes(material.name)}
            disabled={disabled}
            onChange={(event) => toggle(material.name, event.target.checked)}
          >
            {material.name}
          </Checkbox>
          {material.required ? <Tag color="red">必需</Tag> : <Tag>非必需</Tag>}
          <Typography.Text type="secondary">{materialForm(material)}</Typography.Text>
          {material.note && <Typography.Text type="secondary">（{material.note}）</Typography.Text>}
        </Flex>
      ))}
      <div>
        <Button
          size="small"
          disabled={disabled}
          onClick={() => onChange?.(allTicked ? [] : materials.map((m) => m.name))}
        >
          {allTicked ? '全部取消' : '全部勾选'}
        </Button>
      </div>
    </Flex>
  );
}
