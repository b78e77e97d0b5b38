// A small rich-text editor for an item's body: paragraphs, bold, italic, lists and images uploaded to the platform's
// files. The server sanitizes what it receives (domain sanitizeRichText); this only produces simple HTML.
import { BoldOutlined, ItalicOutlined, OrderedListOutlined, PictureOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Space, Upload } from 'antd';
import { useEffect, useRef } from 'react';
import { api, errorMessage } from '../../app/api';

export function RichTextEditor({ value, onChange }: { value?: string; onChange?: (html: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const { message } = App.useApp();
  useEffect(() => {
    if (box.current && box.current.innerHTML !== (value ?? '')) box.current.innerHTML = value ?? '';
  }, [value]);
  const emit = () => onChange?.(box.current?.innerHTML ?? '');
  const exec = (cmd: string, arg?: string) => {
    box.current?.focus();
    document.execCommand(cmd, false, arg);
    emit();
  };
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space wrap size={4} style={{ padding: 4, borderBottom: '1px solid #f0f0f0', display: 'flex', boxSizing: 'border-box' }}>
        <Button size="small" icon={<BoldOutlined />} onClick={() => exec('bold')} aria-label="加粗" />
        <Button size="small" icon={<ItalicOutlined />} onClick={() => exec('italic')} aria-label="倾斜" />
        <Button size="small" icon={<OrderedListOutlined />} onClick={() => exec('insertOrderedList')} aria-label="编号" />
        <Button size="small" icon={<UnorderedListOutlined />} onClick={() => exec('insertUnorderedList')} aria-label="项目符号" />
        <Upload
          accept="image/png,image/jpeg,image/gif,image/webp"
          showUploadList={false}
          customRequest={async ({ file }) => {
            try {
              const form = new FormData();
              form.append('file', file as Blob);
              const f = await api.upload<{ id: string; url: string }>('/api/files', form);
              exec('insertHTML', `<img src="${f.url}">`);
            } catch (e) {
              message.error(errorMessage(e));
            }
          }}
        >
          <Button size="small" icon={<PictureOutlined />}>插入图片</Button>
        </Upload>
      </Space>
      <div
        ref={box}
        data-testid="publicity-body"
        contentEditable
        suppressContentEditableWarning
        onInput={emit}
        onBlur={emit}
        style={{ minHeight: 180, padding: '8px 12px', outline: 'none', lineHeight: 1.8, overflowWrap: 'anywhere' }}
      />
    </div>
  );
}
