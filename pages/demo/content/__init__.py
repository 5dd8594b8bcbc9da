"""The pages app's demo sections: `home` and one module per section, each `section()` giving its `Node`.

`load_demo_content` puts them in menu order beside the training and survey sections.
"""
