import { Select, type SelectProps } from 'antd';
import { useQuery } from '../api/useQuery';

/** A village (村、社区) that may be left unchosen, for where something happened; inside a `Form.Item`. */
export function VillageSelect(props: Pick<SelectProps<string>, 'id' | 'value' | 'onChange' | 'disabled'>) {
  const villages = useQuery('places.listVillages', {});
  return (
    <Select<string>
      {...props}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      loading={villages.loading}
      options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
      placeholder="可不选"
    />
  );
}
